using System.Globalization;

namespace Teleport.Client.Profiles;

/// <summary>A <c>host[:port]</c> address as users type it (IPv6 in brackets).</summary>
public readonly record struct HostPort(string Host, int Port)
{
    public const int DefaultWebPort = 3080;
    public const int DefaultSshProxyPort = 3023;
    public const int DefaultNodePort = 3022;

    public static HostPort Parse(string text, int defaultPort)
    {
        ArgumentNullException.ThrowIfNull(text);
        string host = text;
        int port = defaultPort;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new ClientException($"invalid address \"{text}\"");
            }

            host = text[1..close];
            if (close + 1 < text.Length)
            {
                port = text[close + 1] == ':' ? ParsePort(text[(close + 2)..], text) : throw new ClientException($"invalid address \"{text}\"");
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            port = ParsePort(text[(colon + 1)..], text);
        }

        if (host.Length == 0)
        {
            throw new ClientException($"invalid address \"{text}\": missing host");
        }

        return new HostPort(host, port);
    }

    public static int ParsePort(string text, string whole) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and <= 65535
            ? port
            : throw new ClientException($"invalid port in \"{whole}\"");

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port}")
        : string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
