using System.Globalization;

namespace Teleport.Proxy.Routing;

/// <summary>
/// Where a user asks to go: a node name, UUID or advertised address, a port (0 for the node's
/// own) and optionally the cluster. Parsed from the <c>proxy:HOST:PORT@CLUSTER</c> subsystem
/// (Teleport's proxy subsystem) or from a direct-tcpip open.
/// </summary>
public sealed record NodeTarget(string Host, int Port, string? Cluster)
{
    public const string SubsystemPrefix = "proxy:";

    /// <summary>HOST, HOST:PORT or [IPv6]:PORT, optionally followed by @CLUSTER; PORT empty means 0.</summary>
    public static bool TryParseSubsystem(string subsystem, out NodeTarget? target)
    {
        ArgumentNullException.ThrowIfNull(subsystem);
        target = null;
        if (!subsystem.StartsWith(SubsystemPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        string rest = subsystem[SubsystemPrefix.Length..];
        string? cluster = null;
        int at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            cluster = rest[(at + 1)..];
            rest = rest[..at];
            if (cluster.Length == 0)
            {
                cluster = null;
            }
        }

        string host = rest;
        string port = string.Empty;
        if (rest.StartsWith('['))
        {
            int close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = rest[1..close];
            string after = rest[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    return false;
                }

                port = after[1..];
            }
        }
        else if (rest.LastIndexOf(':') is var colon and >= 0)
        {
            host = rest[..colon];
            port = rest[(colon + 1)..];
        }

        int number = 0;
        if (host.Length == 0 || (port.Length > 0 && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number > 65535)))
        {
            return false;
        }

        target = new NodeTarget(host, number, cluster);
        return true;
    }

    public override string ToString() => Port == 0 ? Host : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
