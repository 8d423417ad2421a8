using System.Text;
using Teleport.Client.Terminal;

namespace Teleport.Client.Login;

/// <summary>
/// Prompts on stderr and reads from the terminal without echo; when stdin is not a terminal
/// (a script, a test), reads one line per answer from stdin instead.
/// </summary>
public sealed class ConsolePrompt : ICredentialPrompt
{
    private const int MaxLength = 4096;

    public string ReadPassword(string prompt) => Read(prompt);

    public string ReadOtp(string prompt) => Read(prompt).Trim();

    private static string Read(string prompt)
    {
        Console.Error.Write(prompt + " ");
        if (!LocalTerminal.IsInputTerminal)
        {
            string line = Console.In.ReadLine() ?? throw new ClientException("stdin ended before the answer to: " + prompt);
            Console.Error.WriteLine();
            return line.Length > MaxLength ? throw new ClientException("the answer is too long") : line;
        }

        var text = new StringBuilder();
        while (true)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (key.KeyChar == '\u0003')
            {
                throw new OperationCanceledException("interrupted");
            }
            else if (key.KeyChar != '\0' && text.Length < MaxLength)
            {
                text.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return text.ToString();
    }
}
