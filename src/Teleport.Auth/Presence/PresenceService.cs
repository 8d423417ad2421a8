using Teleport.Api.Types;
using Teleport.Auth.Storage;

namespace Teleport.Auth.Presence;

/// <summary>
/// Node presence: each heartbeat upserts the node with an expiry, so a node that stops
/// heartbeating disappears from tctl nodes ls when its entry expires.
/// </summary>
public sealed class PresenceService(ResourceStore<Server> nodes, TimeProvider clock)
{
    /// <summary>Teleport's server keep-alive TTL.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan MinimumTtl = TimeSpan.FromSeconds(5);

    public async Task<Server> HeartbeatAsync(Server node, TimeSpan? ttl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        TimeSpan lifetime = ttl ?? DefaultTtl;
        if (lifetime < MinimumTtl || lifetime > TimeSpan.FromHours(1))
        {
            throw AuthException.BadParameter("a heartbeat TTL must be between 5 seconds and 1 hour");
        }

        if (!Guid.TryParse(node.Metadata.Name, out _))
        {
            throw AuthException.BadParameter("a node's metadata.name must be its host UUID");
        }

        node = node with { Metadata = node.Metadata with { Expires = clock.GetUtcNow() + lifetime } };
        return await nodes.UpsertAsync(node, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<Server>> ListAsync(CancellationToken cancellationToken = default) => nodes.ListAsync(cancellationToken);

    public Task DeleteAsync(string hostId, CancellationToken cancellationToken = default) => nodes.DeleteAsync(hostId, cancellationToken);
}
