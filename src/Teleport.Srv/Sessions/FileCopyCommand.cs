namespace Teleport.Srv.Sessions;

/// <summary>
/// An exec request that is OpenSSH's legacy scp protocol (<c>scp -O</c>): the remote side runs
/// <c>scp -t PATH</c> to receive (an upload) or <c>scp -f PATH</c> to send (a download).
/// Recognised so roles' <c>ssh_file_copy</c> applies and the transfer is audited.
/// </summary>
internal sealed record FileCopyCommand(string Command, bool IsUpload, string Path)
{
    public static FileCopyCommand? Parse(string command)
    {
        string[] words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || System.IO.Path.GetFileName(words[0]) != "scp")
        {
            return null;
        }

        bool to = false;
        bool from = false;
        string path = ".";
        for (int i = 1; i < words.Length; i++)
        {
            string word = words[i];
            if (word == "--")
            {
                path = i + 1 < words.Length ? string.Join(' ', words[(i + 1)..]) : path;
                break;
            }

            if (word.StartsWith('-'))
            {
                to |= word.Contains('t', StringComparison.Ordinal);
                from |= word.Contains('f', StringComparison.Ordinal);
                continue;
            }

            path = string.Join(' ', words[i..]);
            break;
        }

        return to == from ? null : new FileCopyCommand(command, to, path);
    }

    public string Refusal(string nodeName) =>
        $"teleport: file copying (scp and sftp) is not allowed on {nodeName} by your roles\r\n";
}
