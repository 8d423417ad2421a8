using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Teleport.Proxy.ReverseTunnel;

/// <summary>
/// The live reverse tunnels, by host id. A node that reconnects before its old tunnel is noticed
/// dead registers again: the newest tunnel wins, and the old one going away later does not remove it.
/// </summary>
/// <typeparam name="TTunnel">The connection type (an SSH connection; anything with identity in tests).</typeparam>
internal sealed class TunnelRegistry<TTunnel>
    where TTunnel : class
{
    private readonly ConcurrentDictionary<string, TTunnel> _tunnels = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _tunnels.Count;

    /// <summary>Makes <paramref name="tunnel"/> the way to <paramref name="hostId"/>; returns the one it replaces, if any.</summary>
    public TTunnel? Register(string hostId, TTunnel tunnel)
    {
        TTunnel? previous = null;
        _tunnels.AddOrUpdate(hostId, tunnel, (_, old) =>
        {
            previous = old;
            return tunnel;
        });
        return ReferenceEquals(previous, tunnel) ? null : previous;
    }

    /// <summary>Forgets <paramref name="tunnel"/> when it is still the registered one (a newer tunnel stays).</summary>
    public bool Remove(string hostId, TTunnel tunnel) =>
        _tunnels.TryRemove(KeyValuePair.Create(hostId, tunnel));

    public bool TryGet(string hostId, [NotNullWhen(true)] out TTunnel? tunnel) => _tunnels.TryGetValue(hostId, out tunnel);

    public IReadOnlyCollection<string> HostIds => [.. _tunnels.Keys];
}
