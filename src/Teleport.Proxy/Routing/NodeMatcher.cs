using System.Globalization;
using Teleport.Api.Types;

namespace Teleport.Proxy.Routing;

/// <summary>
/// Finds the node a target names among the nodes a user may see: by UUID, then by node name,
/// then by advertised address (host:port, or host alone). Anything else is not found: the proxy
/// is never an open relay.
/// </summary>
public static class NodeMatcher
{
    /// <summary>The matching nodes among all of <paramref name="nodes"/> (several means ambiguous); empty when nothing matches.</summary>
    public static IReadOnlyList<Server> Match(IReadOnlyList<Server> nodes, NodeTarget target) => Match(nodes, target, static _ => true);

    /// <summary>
    /// The matching nodes <paramref name="visible"/> lets the user see. Visibility (an RBAC
    /// evaluation) is asked of the few nodes that match the target only, not of the whole cluster.
    /// </summary>
    public static IReadOnlyList<Server> Match(IReadOnlyList<Server> nodes, NodeTarget target, Func<Server, bool> visible)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(visible);
        Server[] byId = [.. nodes.Where(n => string.Equals(n.Metadata.Name, target.Host, StringComparison.OrdinalIgnoreCase)).Where(visible)];
        if (byId.Length > 0)
        {
            return byId;
        }

        Server[] byName = [.. nodes.Where(n => string.Equals(n.Spec.Hostname, target.Host, StringComparison.OrdinalIgnoreCase)).Where(visible)];
        if (byName.Length > 0)
        {
            return byName;
        }

        // host:port exactly as advertised first; a port that matches no node (OpenSSH's default 22) falls back to the host.
        if (target.Port != 0)
        {
            Server[] exact = [.. nodes.Where(n => SplitAddr(n.Spec.Addr) is { } addr && SameHost(addr.Host, target.Host) && addr.Port == target.Port).Where(visible)];
            if (exact.Length > 0)
            {
                return exact;
            }
        }

        return [.. nodes.Where(n => SplitAddr(n.Spec.Addr) is { } addr && SameHost(addr.Host, target.Host)).Where(visible)];
    }

    /// <summary>host and port of an advertised address ("10.0.0.5:3022", "[::1]:3022"); null when it is not one.</summary>
    public static (string Host, int Port)? SplitAddr(string? addr)
    {
        if (string.IsNullOrEmpty(addr))
        {
            return null;
        }

        int colon = addr.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(addr.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            return null;
        }

        return (addr[..colon].Trim('[', ']'), port);
    }

    private static bool SameHost(string a, string b) => string.Equals(a.Trim('[', ']'), b.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);
}
