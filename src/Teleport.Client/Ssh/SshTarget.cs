using Teleport.Client.Profiles;

namespace Teleport.Client.Ssh;

/// <summary>
/// Where <c>tsh ssh</c> goes: <c>[login@]host[:port]</c> (a node name, UUID or address), or
/// <c>[login@]key=value[,key=value]</c> for every node with those labels.
/// </summary>
public sealed record SshTarget(string? Login, string Host, int Port, IReadOnlyDictionary<string, string>? Labels)
{
    public bool IsLabelTarget => Labels is not null;

    /// <summary>Parses a target; <paramref name="cluster"/>, when given, is stripped as a <c>.cluster</c> suffix of the host.</summary>
    public static SshTarget Parse(string text, string? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? login = null;
        string rest = text;
        int at = text.LastIndexOf('@');
        if (at >= 0)
        {
            login = text[..at];
            rest = text[(at + 1)..];
            if (login.Length == 0)
            {
                throw new ClientException($"invalid target \"{text}\": empty login before @");
            }
        }

        if (rest.Length == 0)
        {
            throw new ClientException($"invalid target \"{text}\": missing host");
        }

        if (LabelSelector.Looks(rest))
        {
            return new SshTarget(login, string.Empty, 0, LabelSelector.Parse([rest]));
        }

        HostPort address = HostPort.Parse(rest, 0);
        string host = address.Host;
        if (cluster is { Length: > 0 } && host.EndsWith("." + cluster, StringComparison.OrdinalIgnoreCase) && host.Length > cluster.Length + 1)
        {
            host = host[..^(cluster.Length + 1)];
        }

        return new SshTarget(login, host, address.Port, null);
    }
}
