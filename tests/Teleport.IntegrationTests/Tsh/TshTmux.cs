using System.Globalization;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Tsh;

/// <summary>tsh in a detached tmux session on its own server socket: a real terminal to type into and read.</summary>
internal sealed class TshTmux : IAsyncDisposable
{
    private readonly string _socket = "itest-tsh-" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<TshTmux> StartAsync(TshHome home, int columns, int rows, params string[] tshArguments)
    {
        var tmux = new TshTmux();
        string command = string.Join(' ', new[] { "env", $"TELEPORT_HOME={home.Home}", "TERM=xterm", Repository.Bin("tsh") }.Concat(tshArguments).Select(Quote));
        await tmux.RunAsync("-f", "/dev/null", "new-session", "-d", "-s", "s", "-x", columns.ToString(CultureInfo.InvariantCulture), "-y", rows.ToString(CultureInfo.InvariantCulture), command);
        return tmux;
    }

    public async Task<bool> IsRunningAsync() => (await ExternalProcess.RunAsync("tmux", ["-L", _socket, "has-session", "-t", "s"])).ExitCode == 0;

    public Task TypeAsync(string line) => RunAsync("send-keys", "-t", "s", "-l", line + "\r");

    public Task ResizeAsync(int columns, int rows) =>
        RunAsync("resize-window", "-t", "s", "-x", columns.ToString(CultureInfo.InvariantCulture), "-y", rows.ToString(CultureInfo.InvariantCulture));

    /// <summary>Waits until the pane (with its scrollback) shows a line that matches, and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match)
    {
        string pane = string.Empty;
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            pane = (await ExternalProcess.RunAsync("tmux", ["-L", _socket, "capture-pane", "-p", "-J", "-S", "-", "-t", "s"])).StandardOutput;
            if (pane.Split('\n').Select(l => l.TrimEnd()).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the terminal did not show the expected line; it shows:\n" + pane);
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await ExternalProcess.RunAsync("tmux", ["-L", _socket, "kill-server"]);

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private async Task RunAsync(params string[] arguments)
    {
        ProcessResult result = await ExternalProcess.RunAsync("tmux", ["-L", _socket, .. arguments]);
        Assert.True(result.ExitCode == 0, $"tmux {string.Join(' ', arguments)}: {result}");
    }
}
