using Microsoft.Extensions.Logging;

namespace Teleport.Backend.Internal;

/// <summary>
/// Calls a backend's sweep every interval of its <see cref="TimeProvider"/>, so expired items are
/// removed and watchers hear of it. Reads hide expired items on their own; the sweep only bounds
/// how late the Delete event comes and how long dead rows take space.
/// </summary>
internal sealed class ExpirySweeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public ExpirySweeper(TimeSpan interval, TimeProvider timeProvider, Func<CancellationToken, ValueTask<int>> sweep, ILogger logger)
    {
        _loop = interval == Timeout.InfiniteTimeSpan
            ? Task.CompletedTask
            : Task.Run(() => RunAsync(interval, timeProvider, sweep, logger, _stopping.Token), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static async Task RunAsync(TimeSpan interval, TimeProvider timeProvider, Func<CancellationToken, ValueTask<int>> sweep, ILogger logger, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    int count = await sweep(cancellationToken).ConfigureAwait(false);
                    if (count > 0)
                    {
                        BackendLog.Swept(logger, count);
                    }
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // A failed sweep (disk full, say) is retried at the next tick; reads stay correct meanwhile.
                    BackendLog.SweepFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposal.
        }
    }
}
