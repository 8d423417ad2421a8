using Microsoft.Extensions.Logging;
using Teleport.Api.Client;
using Teleport.Api.Hosting;
using Teleport.Api.Identity;
using Teleport.Api.Types;
using Teleport.Ssh.Keys;

namespace Teleport.Srv.Cluster;

/// <summary>
/// What the node must know of the cluster to decide a login without asking Auth each time: the
/// roles as Auth defines them now, the user CA keys, and the recording mode. Refreshed in the
/// background; logins keep working from the last good copy while Auth is away.
/// </summary>
public sealed class ClusterCache : ClusterMirror
{
    private readonly AuthClient _client;
    private readonly HostIdentityStore _store;
    private volatile Snapshot _current;

    public ClusterCache(AuthClient client, HostIdentity identity, HostIdentityStore store, TimeSpan interval, ILogger logger)
        : base(client, interval, "roles", logger)
    {
        _client = client;
        _store = store;
        _current = new Snapshot(null, identity.UserCaKeys, RecordSessions: true);
    }

    /// <summary>Roles by name; null until the first successful fetch.</summary>
    public IReadOnlyDictionary<string, Role>? Roles => _current.Roles;

    public IReadOnlyList<SshPublicKey> UserCaKeys => _current.UserCaKeys;

    /// <summary>False when <c>auth_service.session_recording: off</c>.</summary>
    public bool RecordSessions => _current.RecordSessions;

    protected override async Task RefreshAsync(CancellationToken cancellationToken)
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

        _current = new Snapshot(
            roles.OfType<Role>().ToDictionary(r => r.Metadata.Name, StringComparer.Ordinal),
            keys,
            !string.Equals(ping.SessionRecording, "off", StringComparison.Ordinal));
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, Role>? Roles, IReadOnlyList<SshPublicKey> UserCaKeys, bool RecordSessions);
}
