using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Teleport.Api.Client;
using Teleport.Api.Identity;
using Teleport.Api.Types;
using Teleport.Ssh.Keys;

namespace Teleport.Srv.Cluster;

/// <summary>
/// What the node must know of the cluster to decide a login without asking Auth each time: the
/// roles as Auth defines them now, the user CA keys, and the recording mode. Refreshed in the
/// background; logins keep working from the last good copy while Auth is away.
/// </summary>
public sealed class ClusterCache : IAsyncDisposable
{
    private readonly AuthClient _client;
    private readonly HostIdentityStore _store;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstRefresh = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _refreshNow = new(1, 1);
    private volatile Snapshot _current;
    private long _lastRefresh;
    private Task? _loop;

    public ClusterCache(AuthClient client, HostIdentity identity, HostIdentityStore store, TimeSpan interval, ILogger logger)
    {
        _client = client;
        _store = store;
        _interval = interval;
        _logger = logger;
        _current = new Snapshot(null, identity.UserCaKeys, RecordSessions: true);
    }

    /// <summary>Roles by name; null until the first successful fetch.</summary>
    public IReadOnlyDictionary<string, Role>? Roles => _current.Roles;

    public IReadOnlyList<SshPublicKey> UserCaKeys => _current.UserCaKeys;

    /// <summary>False when <c>auth_service.session_recording: off</c>.</summary>
    public bool RecordSessions => _current.RecordSessions;

    /// <summary>
    /// A login names a role the cache does not know (created a moment ago): fetch now rather than
    /// at the next tick, at most once a second so unknown names cannot make the node hammer Auth.
    /// </summary>
    public async Task RefreshSoonAsync(CancellationToken cancellationToken)
    {
        await _refreshNow.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Stopwatch.GetElapsedTime(_lastRefresh) < TimeSpan.FromSeconds(1))
            {
                return;
            }

            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthApiException or HttpRequestException or IOException)
        {
            _logger.LogDebug("Refreshing roles on demand failed: {Error}", e.Message);
        }
        finally
        {
            _refreshNow.Release();
        }
    }

    /// <summary>Fetches once (waiting up to <paramref name="wait"/> for Auth), then keeps refreshing.</summary>
    public async Task StartAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        _loop = RefreshLoopAsync(_stopping.Token);
        await Task.WhenAny(_firstRefresh.Task, Task.Delay(wait, cancellationToken)).ConfigureAwait(false);
        if (!_firstRefresh.Task.IsCompleted)
        {
            _logger.LogWarning("The Auth server at {Address} does not answer yet: logins wait for the cluster's roles", _client.BaseAddress);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
        _refreshNow.Dispose();
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        bool failing = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
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
                    _logger.LogWarning("Cannot refresh roles from the Auth server: {Error}", e.Message);
                }

                failing = true;
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
        IReadOnlyList<IResource> roles = await _client.GetResourcesAsync(ResourceKinds.Role, cancellationToken).ConfigureAwait(false);
        CertAuthority userCa = await _client.GetAuthorityAsync(CertAuthTypes.User, cancellationToken).ConfigureAwait(false);
        Teleport.Api.Client.Messages.PingResponse ping = await _client.PingAsync(cancellationToken).ConfigureAwait(false);
        string[] keyLines = [.. userCa.Spec.ActiveKeys.Ssh.Select(k => k.PublicKey.Trim())];
        SshPublicKey[] keys = [.. keyLines.Select(SshKeyFile.ParsePublicKey)];
        if (!keys.SequenceEqual(_current.UserCaKeys))
        {
            _store.SaveUserCaKeys(keyLines);
        }

        _lastRefresh = Stopwatch.GetTimestamp();
        _current = new Snapshot(
            roles.OfType<Role>().ToDictionary(r => r.Metadata.Name, StringComparer.Ordinal),
            keys,
            !string.Equals(ping.SessionRecording, "off", StringComparison.Ordinal));
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, Role>? Roles, IReadOnlyList<SshPublicKey> UserCaKeys, bool RecordSessions);
}
