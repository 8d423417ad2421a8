using System.Text;
using System.Text.Json;
using Teleport.Api.Client;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Node;

/// <summary>
/// An interactive shell on a PTY, typed into through tmux as a person would: what the terminal
/// shows, its size and resizes, exit; then the session as Auth kept it: the asciicast v2
/// recording and the session.start and session.end audit events.
/// </summary>
public sealed class InteractiveSessionTests(NodeCluster cluster) : IClassFixture<NodeCluster>
{
    [Fact]
    public async Task A_shell_on_a_terminal_follows_resizes_and_is_recorded_and_audited()
    {
        DateTimeOffset began = DateTimeOffset.UtcNow.AddSeconds(-5);
        await using var tmux = await Tmux.StartAsync(cluster, columns: 100, rows: 30);

        // The typed text differs from what the shell prints ($((6*7)) becomes 42), so the pane and
        // the recording show the marker only if the command ran.
        await tmux.TypeAsync("echo 'SID='$TELEPORT_SESSION 'mark'$((6*7))'er' 'S1='$(stty size | tr ' ' x) 'T='$(tty)");
        string shown = await tmux.WaitForLineAsync(line => line.StartsWith("SID=", StringComparison.Ordinal) && line.Contains("mark42er", StringComparison.Ordinal));
        string[] fields = shown.Split(' ');
        string sessionId = fields[0]["SID=".Length..];
        Assert.True(Guid.TryParse(sessionId, out _), shown);
        Assert.Equal("S1=30x100", fields[2]);
        Assert.Matches(@"^T=/dev/pts/\d+$", fields[3]);

        await tmux.ResizeAsync(columns: 120, rows: 40);
        // The window-change request and the typed keys travel separately; the shell waits for the first.
        await tmux.TypeAsync("until [ \"$(stty size)\" = '40 120' ]; do sleep 0.05; done; echo 'after'$((1+1)) 'S2='$(stty size | tr ' ' x)");
        string resized = await tmux.WaitForLineAsync(line => line.StartsWith("after2 ", StringComparison.Ordinal));
        Assert.Equal("after2 S2=40x120", resized);

        await tmux.TypeAsync("exit");
        await Eventually.WaitAsync(() => !tmux.IsRunning(), "the ssh client to end after exit");

        using AuthClient admin = cluster.Auth.Admin();
        IReadOnlyList<JsonElement> events = [];
        await WaitAsync(async () =>
        {
            events = await admin.SearchEventsAsync(began, DateTimeOffset.UtcNow.AddMinutes(1), ["session.start", "session.end"]);
            return events.Count(e => Field(e, "sid") == sessionId) == 2;
        }, "session.start and session.end of the shell");
        JsonElement start = events.Single(e => Field(e, "sid") == sessionId && Field(e, "event") == "session.start");
        JsonElement end = events.Single(e => Field(e, "sid") == sessionId && Field(e, "event") == "session.end");
        foreach (JsonElement e in new[] { start, end })
        {
            Assert.Equal("alice", Field(e, "user"));
            Assert.Equal("root", Field(e, "login"));
            Assert.True(e.GetProperty("interactive").GetBoolean(), e.ToString());
            Assert.Equal(NodeCluster.NodeName, Field(e, "server_hostname"));
        }

        Assert.Equal("100:30", Field(start, "size"));
        Assert.Equal(["alice"], end.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        DateTimeOffset sessionStart = DateTimeOffset.Parse(Field(end, "session_start")!, System.Globalization.CultureInfo.InvariantCulture);
        DateTimeOffset sessionStop = DateTimeOffset.Parse(Field(end, "session_stop")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(sessionStart >= began && sessionStart < sessionStop && sessionStop <= DateTimeOffset.UtcNow, end.ToString());

        byte[] recording = [];
        await WaitAsync(async () =>
        {
            try
            {
                recording = await admin.GetRecordingAsync(sessionId);
                return true;
            }
            catch (AuthApiException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
            {
                return false;
            }
        }, "the recording to be uploaded to Auth");

        string[] lines = Encoding.UTF8.GetString(recording).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using JsonDocument header = JsonDocument.Parse(lines[0]);
        Assert.Equal(2, header.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(100, header.RootElement.GetProperty("width").GetInt32());
        Assert.Equal(30, header.RootElement.GetProperty("height").GetInt32());
        Assert.Equal(sessionId, header.RootElement.GetProperty("teleport").GetProperty("session_id").GetString());
        Assert.Equal("alice", header.RootElement.GetProperty("teleport").GetProperty("user").GetString());

        var output = new StringBuilder();
        var resizes = new List<string>();
        double previous = 0;
        foreach (string line in lines.Skip(1))
        {
            using JsonDocument frame = JsonDocument.Parse(line);
            JsonElement[] parts = [.. frame.RootElement.EnumerateArray()];
            Assert.Equal(3, parts.Length);
            double time = parts[0].GetDouble();
            Assert.True(time >= previous, $"time goes back in {line}");
            previous = time;
            switch (parts[1].GetString())
            {
                case "o":
                    output.Append(parts[2].GetString());
                    break;
                case "r":
                    resizes.Add(parts[2].GetString()!);
                    break;
                default:
                    Assert.Fail($"unexpected event {line}");
                    break;
            }
        }

        string text = output.ToString();
        Assert.Contains(shown, text, StringComparison.Ordinal);
        Assert.Contains(resized, text, StringComparison.Ordinal);
        Assert.Contains("120x40", resizes);
        Assert.True(text.IndexOf(shown, StringComparison.Ordinal) < text.IndexOf(resized, StringComparison.Ordinal), text);
    }

    private static string? Field(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>OpenSSH's ssh in a detached tmux session on its own server socket: a real terminal to type into and read.</summary>
    private sealed class Tmux : IAsyncDisposable
    {
        private readonly string _socket = "itest-" + Guid.NewGuid().ToString("N")[..12];

        public static async Task<Tmux> StartAsync(NodeCluster cluster, int columns, int rows)
        {
            var tmux = new Tmux();
            string ssh = string.Join(' ', new[] { "/usr/bin/ssh" }.Concat(cluster.SshArguments()).Append("127.0.0.1").Select(Quote));
            await tmux.RunAsync("-f", "/dev/null", "new-session", "-d", "-s", "s", "-x", columns.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", rows.ToString(System.Globalization.CultureInfo.InvariantCulture), ssh);
            return tmux;
        }

        public bool IsRunning() => Run("has-session", "-t", "s").ExitCode == 0;

        public Task TypeAsync(string line) => RunAsync("send-keys", "-t", "s", "-l", line + "\r");

        public Task ResizeAsync(int columns, int rows) =>
            RunAsync("resize-window", "-t", "s", "-x", columns.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", rows.ToString(System.Globalization.CultureInfo.InvariantCulture));

        /// <summary>Waits until the pane (with its scrollback) shows a line that matches, and returns it.</summary>
        public async Task<string> WaitForLineAsync(Func<string, bool> match)
        {
            string? found = null;
            string pane = string.Empty;
            DateTime deadline = DateTime.UtcNow.AddSeconds(20);
            while (found is null)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("the terminal did not show the expected line; it shows:\n" + pane);
                }

                pane = (await ExternalProcess.RunAsync("tmux", ["-L", _socket, "capture-pane", "-p", "-J", "-S", "-", "-t", "s"])).StandardOutput;
                found = pane.Split('\n').Select(l => l.TrimEnd()).FirstOrDefault(match);
                if (found is null)
                {
                    await Task.Delay(50);
                }
            }

            return found;
        }

        public async ValueTask DisposeAsync() => await ExternalProcess.RunAsync("tmux", ["-L", _socket, "kill-server"]);

        private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

        private ProcessResult Run(params string[] arguments)
        {
            using System.Diagnostics.Process process = ExternalProcess.Start("tmux", ["-L", _socket, .. arguments]);
            process.WaitForExit();
            return new ProcessResult(process.ExitCode, string.Empty, string.Empty);
        }

        private async Task RunAsync(params string[] arguments)
        {
            ProcessResult result = await ExternalProcess.RunAsync("tmux", ["-L", _socket, .. arguments]);
            Assert.True(result.ExitCode == 0, $"tmux {string.Join(' ', arguments)}: {result}");
        }
    }
}
