namespace Teleport.Api.Hosting;

/// <summary>
/// A piece of a service that works in the background until the service stops (heartbeats,
/// certificate renewal, cluster caches, the tunnel agent): <see cref="Start"/> runs
/// <see cref="RunAsync"/>; disposing cancels it and waits for it.
/// </summary>
public abstract class BackgroundLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public void Start() => _loop = RunAsync(_stopping.Token);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
        OnStopped();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the loop used, once it has ended.</summary>
    protected virtual void OnStopped()
    {
    }

    /// <summary>The work; it ends when <paramref name="cancellationToken"/> is cancelled.</summary>
    protected abstract Task RunAsync(CancellationToken cancellationToken);
}
