using System.Diagnostics;
using System.Text;

namespace Teleport.IntegrationTests.Support;

/// <summary>A real `teleport start -c FILE` from bin/: started until it says it is running, stopped gracefully or with kill -9, started again.</summary>
public sealed class TeleportDaemon(string configPath) : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    public string ConfigPath => configPath;

    public int? Pid => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>What the process printed, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Repository.Bin("teleport")) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { "start", "-c", configPath })
        {
            start.ArgumentList.Add(argument);
        }

        int logStart = Log.Length;
        Process process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Log.AsSpan(logStart).Contains("is running", StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("teleport did not start:\n" + Log);
            }

            await Task.Delay(50);
        }
    }

    /// <summary>SIGTERM and wait for a graceful exit, or SIGKILL (kill -9) when <paramref name="kill"/>.</summary>
    public async Task StopAsync(bool kill = false)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        if (kill)
        {
            _process.Kill();
        }
        else
        {
            _ = Posix.Kill(_process.Id, 15);
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync(kill: true));

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
