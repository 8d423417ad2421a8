using System.Text;
using Teleport.Srv.Processes;
using Teleport.Ssh.Connection.Session;

namespace Teleport.Srv.Tests.Processes;

/// <summary>Building blocks of the launcher tests: specs, output collection, and waiting on output.</summary>
internal static class Sessions
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static SessionProcessSpec Shell(string script, PtyOptions? pty = null, UnixUser? user = null, string? helper = null) => new()
    {
        Program = "/bin/sh",
        Arguments = ["sh", "-c", script],
        Environment = new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", ["LANG"] = "C" },
        User = user ?? UnixUser.Current,
        Pty = pty,
        HelperPath = helper ?? "/nonexistent/teleport",
    };

    public static PtyOptions Pty(uint columns = 100, uint rows = 30, params TerminalMode[] modes) =>
        new("xterm", columns, rows, 0, 0, modes);

    public static async Task<string> ReadAllAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        return await reader.ReadToEndAsync(timeout.Token);
    }

    public static async Task<ProcessExit> ExitAsync(SessionProcess process) => await process.Exited.WaitAsync(Timeout);

    public static async Task WriteAsync(SessionProcess process, string text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await process.Input.WriteAsync(Encoding.UTF8.GetBytes(text), timeout.Token);
    }

    /// <summary>Everything a stream yields, gathered in the background until end of file.</summary>
    internal sealed class Collector
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _lock = new();

        public Collector(Stream stream)
        {
            Completion = PumpAsync(stream);
        }

        public Task Completion { get; }

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return _text.ToString();
                }
            }
        }

        public Task WaitForAsync(string expected) =>
            Eventually.WaitAsync(() => Text.Contains(expected, StringComparison.Ordinal), $"'{expected}' in the output; so far: {Text}", Timeout);

        private async Task PumpAsync(Stream stream)
        {
            byte[] buffer = new byte[4096];
            var decoder = Encoding.UTF8.GetDecoder();
            char[] chars = new char[8192];
            while (true)
            {
                int read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return;
                }

                int count = decoder.GetChars(buffer, 0, read, chars, 0);
                lock (_lock)
                {
                    _text.Append(chars, 0, count);
                }
            }
        }
    }
}
