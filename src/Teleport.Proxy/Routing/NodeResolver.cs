using Teleport.Api.Types;
using Teleport.Proxy.Cluster;

namespace Teleport.Proxy.Routing;

/// <summary>
/// Turns a user's target into one node, from the cached node list filtered by the user's roles.
/// A miss refreshes the cache once (a node that joined a moment ago), so warm lookups never call Auth.
/// </summary>
public sealed class NodeResolver(ClusterCache cluster)
{
    public async ValueTask<Server> ResolveAsync(NodeTarget target, Func<ClusterSnapshot, UserAccess> access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(access);
        ClusterSnapshot snapshot = cluster.Current;
        if (target.Cluster is { } name && !string.Equals(name, snapshot.ClusterName, StringComparison.Ordinal))
        {
            throw new RoutingException($"cluster \"{name}\" is not known to this proxy (it serves {snapshot.ClusterName})");
        }

        IReadOnlyList<Server> matches = Match(snapshot, access(snapshot), target);
        if (matches.Count == 0)
        {
            await cluster.RefreshSoonAsync(cancellationToken).ConfigureAwait(false);
            snapshot = cluster.Current;
            matches = Match(snapshot, access(snapshot), target);
        }

        return matches.Count switch
        {
            0 => throw new RoutingException($"node \"{target.Host}\" not found in cluster {snapshot.ClusterName}"),
            1 => matches[0],
            _ => throw new RoutingException($"ambiguous host \"{target.Host}\": it matches nodes {string.Join(", ", matches.Select(n => n.Metadata.Name))}; use the UUID"),
        };
    }

    private static IReadOnlyList<Server> Match(ClusterSnapshot snapshot, UserAccess access, NodeTarget target) =>
        NodeMatcher.Match(snapshot.Nodes, target, access.CanSee);
}
