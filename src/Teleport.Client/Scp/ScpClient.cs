using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;

namespace Teleport.Client.Scp;

/// <summary>
/// The client half of the scp protocol (OpenSSH's legacy rcp-style protocol): it runs
/// <c>scp -t</c> (sink) or <c>scp -f</c> (source) on the node over an exec channel and plays the
/// other side, with <c>-r</c> directory recursion.
/// </summary>
public static class ScpClient
{
    private const UnixFileMode PermissionBits = (UnixFileMode)0x1FF;

    /// <summary>Copies local files (directories with <paramref name="recursive"/>) to <paramref name="remotePath"/>.</summary>
    public static async Task UploadAsync(SshConnection node, IReadOnlyList<string> localSources, string remotePath, bool recursive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(localSources);
        foreach (string source in localSources)
        {
            if (Directory.Exists(source) && !recursive)
            {
                throw new ClientException($"{source}: is a directory (use -r)");
            }

            if (!Directory.Exists(source) && !File.Exists(source))
            {
                throw new ClientException($"{source}: no such file or directory");
            }
        }

        string flags = (recursive ? "-r " : string.Empty) + (localSources.Count > 1 ? "-d " : string.Empty);
        await RunAsync(node, $"scp {flags}-t {Quote(remotePath)}", async scp =>
        {
            await scp.ReadAckAsync(cancellationToken).ConfigureAwait(false);
            foreach (string source in localSources)
            {
                string full = Path.GetFullPath(source);
                if (Directory.Exists(full))
                {
                    await SendDirectoryAsync(scp, full, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await SendFileAsync(scp, full, cancellationToken).ConfigureAwait(false);
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies <paramref name="remotePath"/> (a directory with <paramref name="recursive"/>) to <paramref name="localTarget"/>.</summary>
    public static async Task DownloadAsync(SshConnection node, string remotePath, string localTarget, bool recursive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        await RunAsync(node, $"scp {(recursive ? "-r " : string.Empty)}-f {Quote(remotePath)}", scp => ReceiveAsync(scp, Path.GetFullPath(localTarget), cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Single-quotes for the remote shell, as scp does for the path it passes.</summary>
    public static string Quote(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static async Task RunAsync(SshConnection node, string command, Func<ScpStream, Task> protocol, CancellationToken cancellationToken)
    {
        SshSession session = await node.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable scope = session.ConfigureAwait(false);
        await session.ExecAsync(command).ConfigureAwait(false);
        Task<string> stderr = ReadErrorsAsync(session.Channel);
        var scp = new ScpStream(session.Channel.GetStream());
        try
        {
            await protocol(scp).ConfigureAwait(false);
            session.Channel.SendEof();
        }
        catch (ScpException e)
        {
            session.Channel.SendEof();
            string remote = (await stderr.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false)).Trim();
            throw new ClientException(remote.Length > 0 && !e.Message.Contains(remote, StringComparison.Ordinal) ? $"{e.Message} ({remote})" : e.Message, e);
        }

        SessionExit exit = await session.Exit.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        if (exit.ExitCode is not 0)
        {
            string remote = (await stderr.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false)).Trim();
            throw new ClientException(remote.Length > 0 ? remote : $"the remote scp failed (exit status {exit.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? exit.Signal})");
        }
    }

    private static async Task SendFileAsync(ScpStream scp, string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            long length = stream.Length;
            string mode = Mode(File.GetUnixFileMode(path));
            await scp.SendLineAsync(string.Create(CultureInfo.InvariantCulture, $"C{mode} {length} {Path.GetFileName(path)}"), cancellationToken).ConfigureAwait(false);
            await scp.ReadAckAsync(cancellationToken).ConfigureAwait(false);
            byte[] buffer = new byte[32 * 1024];
            long left = length;
            while (left > 0)
            {
                int read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new ClientException($"{path}: the file shrank while it was being sent");
                }

                await scp.Inner.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                left -= read;
            }

            await scp.SendOkAsync(cancellationToken).ConfigureAwait(false);
            await scp.ReadAckAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task SendDirectoryAsync(ScpStream scp, string path, CancellationToken cancellationToken)
    {
        string mode = Mode(File.GetUnixFileMode(path));
        await scp.SendLineAsync($"D{mode} 0 {Path.GetFileName(Path.TrimEndingDirectorySeparator(path))}", cancellationToken).ConfigureAwait(false);
        await scp.ReadAckAsync(cancellationToken).ConfigureAwait(false);
        foreach (string entry in Directory.EnumerateFileSystemEntries(path).Order(StringComparer.Ordinal))
        {
            if (Directory.Exists(entry))
            {
                await SendDirectoryAsync(scp, entry, cancellationToken).ConfigureAwait(false);
            }
            else if (File.Exists(entry))
            {
                await SendFileAsync(scp, entry, cancellationToken).ConfigureAwait(false);
            }
        }

        await scp.SendLineAsync("E", cancellationToken).ConfigureAwait(false);
        await scp.ReadAckAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ReceiveAsync(ScpStream scp, string target, CancellationToken cancellationToken)
    {
        var directories = new Stack<string>();
        string? warning = null;
        await scp.SendOkAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            int kind = await scp.ReadByteAsync(cancellationToken).ConfigureAwait(false);
            if (kind == -1)
            {
                break;
            }

            string line = kind is 1 or 2 ? string.Empty : await scp.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            switch (kind)
            {
                case 1:
                    warning = await scp.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                case 2:
                    throw new ScpException(await scp.ReadLineAsync(cancellationToken).ConfigureAwait(false));
                case 'T':
                    break;
                case 'E':
                    if (directories.Count == 0)
                    {
                        throw new ScpException("the remote scp ended a directory it never started");
                    }

                    directories.Pop();
                    break;
                case 'D':
                {
                    (UnixFileMode mode, _, string name) = ParseHeader(line);
                    string path = Destination(directories, target, name);
                    Directory.CreateDirectory(path);
                    File.SetUnixFileMode(path, mode | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.UserRead);
                    directories.Push(path);
                    break;
                }

                case 'C':
                {
                    (UnixFileMode mode, long size, string name) = ParseHeader(line);
                    string path = Destination(directories, target, name);
                    await scp.SendOkAsync(cancellationToken).ConfigureAwait(false);
                    await ReceiveFileAsync(scp, path, mode, size, cancellationToken).ConfigureAwait(false);
                    await scp.ReadAckAsync(cancellationToken).ConfigureAwait(false);
                    break;
                }

                default:
                    throw new ScpException($"the remote side does not speak the scp protocol (got \"{(char)kind}{line}\")");
            }

            await scp.SendOkAsync(cancellationToken).ConfigureAwait(false);
        }

        if (warning is not null)
        {
            throw new ScpException(warning);
        }
    }

    private static async Task ReceiveFileAsync(ScpStream scp, string path, UnixFileMode mode, long size, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode, Options = FileOptions.Asynchronous });
        await using (file.ConfigureAwait(false))
        {
            byte[] buffer = new byte[32 * 1024];
            long left = size;
            while (left > 0)
            {
                int chunk = (int)Math.Min(buffer.Length, left);
                await scp.ReadExactlyAsync(buffer.AsMemory(0, chunk), cancellationToken).ConfigureAwait(false);
                await file.WriteAsync(buffer.AsMemory(0, chunk), cancellationToken).ConfigureAwait(false);
                left -= chunk;
            }
        }
    }

    /// <summary>Where an incoming entry goes: into the directory being received, else the target (or into it when it is a directory).</summary>
    private static string Destination(Stack<string> directories, string target, string name)
    {
        if (directories.Count > 0)
        {
            return Path.Combine(directories.Peek(), name);
        }

        return Directory.Exists(target) ? Path.Combine(target, name) : target;
    }

    /// <summary>Parses "0644 1234 name" and refuses names that would leave the target (a malicious server's "../x").</summary>
    internal static (UnixFileMode Mode, long Size, string Name) ParseHeader(string line)
    {
        string[] parts = line.Split(' ', 3);
        if (parts.Length != 3
            || parts[0].Length is 0 or > 6
            || !parts[0].All(c => c is >= '0' and <= '7')
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long size))
        {
            throw new ScpException($"the remote scp sent a bad header \"{line}\"");
        }

        string name = parts[2];
        if (name.Length == 0 || name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ScpException($"the remote scp sent an unsafe file name \"{name}\"");
        }

        var mode = (UnixFileMode)(Convert.ToInt32(parts[0], 8) & (int)PermissionBits);
        return (mode, size, name);
    }

    private static string Mode(UnixFileMode mode) => "0" + Convert.ToString((int)(mode & PermissionBits), 8).PadLeft(3, '0');

    private static async Task<string> ReadErrorsAsync(SshChannel channel)
    {
        var text = new StringBuilder();
        byte[] buffer = new byte[1024];
        try
        {
            int read;
            while ((read = await channel.ReadExtendedAsync(buffer).ConfigureAwait(false)) > 0 && text.Length < 8192)
            {
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (Exception e) when (e is Teleport.Ssh.SshException or IOException or ObjectDisposedException)
        {
            // The channel broke: what arrived is what there is.
        }

        return text.ToString();
    }
}
