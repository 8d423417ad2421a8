using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Teleport.Srv.Presence;

/// <summary>
/// <c>ssh_service.commands</c>: each label's value is the trimmed output of its command, re-run
/// every period (no shell involved). A command that fails or runs over 30 s leaves the label empty
/// with the error in the log, as Teleport does.
/// </summary>
public sealed class CommandLabels(IReadOnlyList<(string Name, IReadOnlyList<string> Command, TimeSpan Period)> labels, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private const int MaxOutput = 4096;

    private readonly ConcurrentDictionary<string, string> _results = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];

    public IReadOnlyDictionary<string, string> Results => _results;

    public IReadOnlyList<(string Name, IReadOnlyList<string> Command, TimeSpan Period)> Definitions => labels;

    /// <summary>Runs every command once (so the first heartbeat carries results), then on its period.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(labels.Select(l => RunAsync(l.Name, l.Command, cancellationToken))).ConfigureAwait(false);
        foreach ((string name, IReadOnlyList<string> command, TimeSpan period) in labels)
        {
            _loops.Add(LoopAsync(name, command, period, _stopping.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task LoopAsync(string name, IReadOnlyList<string> command, TimeSpan period, CancellationToken cancellationToken)
    {
        TimeSpan wait = period > TimeSpan.Zero ? period : TimeSpan.FromMinutes(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!cancellationToken.IsCancellationRequested)
            {
                await RunAsync(name, command, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunAsync(string name, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            using Process process = Process.Start(start)!;
            Task<string> error = process.StandardError.ReadToEndAsync(timeout.Token);
            char[] buffer = new char[MaxOutput];
            int length = await process.StandardOutput.ReadBlockAsync(buffer, timeout.Token).ConfigureAwait(false);
            await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, timeout.Token).ConfigureAwait(false); // past the cap: drained, not kept
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            _ = await error.ConfigureAwait(false);
            _results[name] = new string(buffer, 0, length).Trim();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Command label {Label} ({Command}) failed: {Error}", name, string.Join(' ', command), e.Message);
            _results[name] = string.Empty;
        }
    }
}
