using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Teleport.Api.Client;
using Teleport.Api.Types;
using Teleport.Ssh.Keys;

namespace Teleport.Proxy.Cluster;

/// <summary>
/// What the proxy must know of the cluster to authenticate users and route them without asking
/// Auth per connection: the roles as Auth defines them now, the user CA keys, the node list and
/// the second factor setting. Refreshed in the background every few seconds, and on demand (at
/// most once a second) when a lookup misses; lookups keep working from the last good copy while
/// Auth is away.
/// </summary>
public sealed class ClusterCache : IAsyncDisposable
{
    private static readonly TimeSpan MinimumRefreshGap = TimeSpan.FromSeconds(1);

    /// <summary>How long a lookup waits for an on-demand refresh before answering from the copy it has.</summary>
    private static readonly TimeSpan OnDemandTimeout = TimeSpan.FromSeconds(5);
    private readonly AuthClient _client;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstRefresh = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile ClusterSnapshot _current;
    private long _lastRefresh;
    private Task? _loop;

    public ClusterCache(AuthClient client, string clusterName, IReadOnlyList<SshPublicKey> userCaKeys, TimeSpan interval, ILogger logger)
    {
        _client = client;
        _interval = interval;
        _logger = logger;
        _current = new ClusterSnapshot(clusterName, Roles: null, userCaKeys, Nodes: [], SecondFactor: "off");
    }

    public ClusterSnapshot Current => _current;

    /// <summary>Fetches once (waiting up to <paramref name="wait"/> for Auth), then keeps refreshing.</summary>
    public async Task StartAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        _loop = RefreshLoopAsync(_stopping.Token);
        await Task.WhenAny(_firstRefresh.Task, Task.Delay(wait, cancellationToken)).ConfigureAwait(false);
        if (!_firstRefresh.Task.IsCompleted)
        {
            _logger.LogWarning("The Auth server at {Address} does not answer yet: logins wait for the cluster's roles and nodes", _client.BaseAddress);
        }
    }

    /// <summary>
    /// A lookup missed (a node or role created a moment ago): fetch now rather than at the next
    /// tick, at most once a second, so unknown names cannot make the proxy hammer Auth.
    /// </summary>
    public async Task<ClusterSnapshot> RefreshSoonAsync(CancellationToken cancellationToken)
    {
        // Bounded, so a lookup while Auth is away answers from the last copy instead of hanging.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(OnDemandTimeout);
        try
        {
            await _refreshing.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return _current;
        }

        try
        {
            if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastRefresh)) >= MinimumRefreshGap)
            {
                await RefreshAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is AuthApiException or HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _logger.LogDebug("Refreshing the cluster view on demand failed: {Error}", e.Message);
        }
        finally
        {
            _refreshing.Release();
        }

        return _current;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
        _refreshing.Dispose();
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        bool failing = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await RefreshAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _refreshing.Release();
                }

                if (failing)
                {
                    _logger.LogInformation("The Auth server answers again");
                }

                failing = false;
                _firstRefresh.TrySetResult();
            }
            catch (Exception e) when (e is AuthApiException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    _logger.LogWarning("Cannot refresh roles and nodes from the Auth server: {Error}", e.Message);
                }

                failing = true;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(_interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<IResource>> roles = _client.GetResourcesAsync(ResourceKinds.Role, cancellationToken);
        Task<IReadOnlyList<IResource>> nodes = _client.GetResourcesAsync(ResourceKinds.Node, cancellationToken);
        Task<CertAuthority> userCa = _client.GetAuthorityAsync(CertAuthTypes.User, cancellationToken);
        Task<Teleport.Api.Client.Messages.PingResponse> ping = _client.PingAsync(cancellationToken);
        await Task.WhenAll(roles, nodes, userCa, ping).ConfigureAwait(false);
        SshPublicKey[] keys = [.. (await userCa.ConfigureAwait(false)).Spec.ActiveKeys.Ssh.Select(k => SshKeyFile.ParsePublicKey(k.PublicKey.Trim()))];
        Teleport.Api.Client.Messages.PingResponse answer = await ping.ConfigureAwait(false);
        _current = new ClusterSnapshot(
            answer.ClusterName,
            (await roles.ConfigureAwait(false)).OfType<Role>().ToDictionary(r => r.Metadata.Name, StringComparer.Ordinal),
            keys,
            [.. (await nodes.ConfigureAwait(false)).OfType<Server>()],
            answer.SecondFactor);
        Interlocked.Exchange(ref _lastRefresh, Stopwatch.GetTimestamp());
    }
}
