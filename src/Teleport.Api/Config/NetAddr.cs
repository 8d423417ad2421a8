using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Teleport.Api.Config;

/// <summary>
/// A host and port from <c>teleport.yaml</c> or a flag, read the way Teleport's
/// <c>utils.ParseHostPortAddr</c> reads them: <c>host:port</c>, <c>:port</c> (every interface),
/// <c>[v6]:port</c>, or a bare host that takes the field's default port (<c>auth_server:
/// auth.example.com</c> means port 3025). A <c>tcp://</c>, <c>http://</c> or <c>https://</c>
/// prefix is accepted and dropped, as Teleport does. <see cref="Addr"/> is the text form
/// (<c>0.0.0.0:3025</c>, <c>[::1]:3022</c>), <see cref="Host"/> and <see cref="Port"/> the parsed one.
/// </summary>
public sealed record NetAddr
{
    public NetAddr(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Host = host;
        Port = port;
    }

    /// <summary>The host name or IP address, without brackets; empty means every interface (<c>:3025</c>).</summary>
    public string Host { get; }

    public int Port { get; }

    /// <summary><c>host:port</c>, an IPv6 host in brackets: what Go's <c>net.JoinHostPort</c> writes.</summary>
    public string Addr => Host.Contains(':', StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port}")
        : string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    /// <summary>Whether the host names no particular interface: empty, <c>0.0.0.0</c> or <c>::</c>.</summary>
    public bool IsUnspecifiedHost =>
        Host.Length == 0 || (IPAddress.TryParse(Host, out IPAddress? ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));

    /// <summary>
    /// Parses <paramref name="text"/>; a text without a port takes <paramref name="defaultPort"/>,
    /// or is refused when it is null. Throws <see cref="FormatException"/> saying what is wrong.
    /// </summary>
    public static NetAddr Parse(string text, int? defaultPort) =>
        TryParse(text, defaultPort, out NetAddr? addr, out string? problem) ? addr : throw new FormatException(problem);

    public static bool TryParse(string? text, int? defaultPort, [NotNullWhen(true)] out NetAddr? addr) =>
        TryParse(text, defaultPort, out addr, out _);

    /// <summary>The same port on another host: what <c>--listen-ip</c> does to every listening address.</summary>
    public NetAddr WithHost(string host) => new(host, Port);

    public override string ToString() => Addr;

    internal static bool TryParse(string? text, int? defaultPort, [NotNullWhen(true)] out NetAddr? addr, [NotNullWhen(false)] out string? problem)
    {
        addr = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = "an address is required, like host:port";
            return false;
        }

        ReadOnlySpan<char> rest = text;
        int scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            ReadOnlySpan<char> name = rest[..scheme];
            if (!name.Equals("tcp", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("http", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("https", StringComparison.OrdinalIgnoreCase))
            {
                problem = $"\"{text}\" is not an address: the scheme \"{name}\" is not supported (write host:port)";
                return false;
            }

            rest = rest[(scheme + 3)..];
            if (rest.EndsWith('/'))
            {
                rest = rest[..^1];
            }
        }

        string host;
        ReadOnlySpan<char> port;
        if (rest.StartsWith('['))
        {
            int close = rest.IndexOf(']');
            if (close < 0)
            {
                problem = $"\"{text}\" is not an address: the '[' of an IPv6 address is not closed";
                return false;
            }

            host = rest[1..close].ToString();
            if (!IPAddress.TryParse(host, out IPAddress? ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
            {
                problem = $"\"{text}\" is not an address: \"{host}\" in brackets is not an IPv6 address";
                return false;
            }

            ReadOnlySpan<char> after = rest[(close + 1)..];
            if (!after.IsEmpty && after[0] != ':')
            {
                problem = $"\"{text}\" is not an address: expected ':' and a port after ']'";
                return false;
            }

            port = after.IsEmpty ? [] : after[1..];
            if (after.Length == 1)
            {
                problem = $"\"{text}\" is not an address: the port after ':' is missing";
                return false;
            }
        }
        else
        {
            int colon = rest.IndexOf(':');
            if (colon >= 0 && rest[(colon + 1)..].Contains(':'))
            {
                problem = $"\"{text}\" is not an address: write an IPv6 address in brackets, like [::1]:3025";
                return false;
            }

            host = (colon < 0 ? rest : rest[..colon]).ToString();
            port = colon < 0 ? [] : rest[(colon + 1)..];
            if (colon >= 0 && port.IsEmpty)
            {
                problem = $"\"{text}\" is not an address: the port after ':' is missing";
                return false;
            }

            if (!IsHostName(host) || (host.Length == 0 && colon < 0))
            {
                problem = host.Length == 0
                    ? $"\"{text}\" is not an address: the host is missing"
                    : $"\"{text}\" is not an address: \"{host}\" is not a host name or IP address";
                return false;
            }
        }

        int number;
        if (port.IsEmpty)
        {
            if (defaultPort is not { } fallback)
            {
                problem = $"\"{text}\" is not an address: a port is required, like {text}:3000";
                return false;
            }

            number = fallback;
        }
        else if (!IsDigits(port) || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number > 65535)
        {
            problem = $"\"{text}\" is not an address: the port \"{port}\" must be a number from 0 to 65535";
            return false;
        }

        addr = new NetAddr(host, number);
        problem = null;
        return true;
    }

    /// <summary>DNS labels (letters, digits, '-', '_') separated by dots, which IPv4 addresses also are.</summary>
    private static bool IsHostName(string host)
    {
        foreach (char c in host)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '.' and not '_')
            {
                return false;
            }
        }

        return !host.StartsWith('.') && !host.Contains("..", StringComparison.Ordinal);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
