using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Teleport.Api.Client;

namespace Teleport.Api.Hosting;

/// <summary>
/// A service's copy of what it needs from Auth (roles, CA keys, nodes), so no decision waits on
/// Auth: fetched at start, refreshed every interval, and on demand when a lookup misses (at most
/// once a second, so unknown names cannot make the service hammer Auth; bounded in time, so a
/// lookup while Auth is away answers from the last good copy). Failures are logged once per outage.
/// </summary>
public abstract class ClusterMirror(AuthClient client, TimeSpan interval, string contents, ILogger logger) : BackgroundLoop
{
    private static readonly TimeSpan MinimumRefreshGap = TimeSpan.FromSeconds(1);

    /// <summary>How long a lookup waits for an on-demand refresh before answering from the copy it has.</summary>
    private static readonly TimeSpan OnDemandTimeout = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _firstRefresh = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private long _lastRefresh;

    /// <summary>Fetches once (waiting up to <paramref name="wait"/> for Auth), then keeps refreshing.</summary>
    public async Task StartAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        Start();
        await Task.WhenAny(_firstRefresh.Task, Task.Delay(wait, cancellationToken)).ConfigureAwait(false);
        if (!_firstRefresh.Task.IsCompleted)
        {
            logger.LogWarning("The Auth server at {Address} does not answer yet: decisions wait for the cluster's {Contents}", client.BaseAddress, contents);
        }
    }

    /// <summary>A lookup missed (something created a moment ago): fetch now rather than at the next tick.</summary>
    public async Task RefreshSoonAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(OnDemandTimeout);
        try
        {
            await _refreshing.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastRefresh)) >= MinimumRefreshGap)
            {
                await RefreshAndStampAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is AuthApiException or HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogDebug("Refreshing the cluster's {Contents} on demand failed: {Error}", contents, e.Message);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Fetches from Auth and replaces the copy; throws when Auth cannot be reached.</summary>
    protected abstract Task RefreshAsync(CancellationToken cancellationToken);

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        bool failing = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await RefreshAndStampAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _refreshing.Release();
                }

                if (failing)
                {
                    logger.LogInformation("The Auth server answers again");
                }

                failing = false;
                _firstRefresh.TrySetResult();
            }
            catch (Exception e) when (e is AuthApiException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    logger.LogWarning("Cannot refresh the cluster's {Contents} from the Auth server: {Error}", contents, e.Message);
                }

                failing = true;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    protected override void OnStopped() => _refreshing.Dispose();

    private async Task RefreshAndStampAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _lastRefresh, Stopwatch.GetTimestamp());
    }
}
