using Microsoft.Extensions.Logging;
using Teleport.Api.Client;
using Teleport.Api.Hosting;
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
public sealed class ClusterCache : ClusterMirror
{
    private readonly AuthClient _client;
    private volatile ClusterSnapshot _current;

    public ClusterCache(AuthClient client, string clusterName, IReadOnlyList<SshPublicKey> userCaKeys, TimeSpan interval, ILogger logger)
        : base(client, interval, "roles and nodes", logger)
    {
        _client = client;
        _current = new ClusterSnapshot(clusterName, Roles: null, userCaKeys, Nodes: [], SecondFactor: "off");
    }

    public ClusterSnapshot Current => _current;

    protected override async Task RefreshAsync(CancellationToken cancellationToken)
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
    }
}
