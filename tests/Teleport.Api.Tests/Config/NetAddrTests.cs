using Teleport.Api.Config;

namespace Teleport.Api.Tests.Config;

/// <summary>Addresses as Teleport's utils.ParseHostPortAddr reads them.</summary>
public sealed class NetAddrTests
{
    [Theory]
    [InlineData("auth.example.com:3025", 1, "auth.example.com", 3025, "auth.example.com:3025")]
    [InlineData("auth.example.com", 3025, "auth.example.com", 3025, "auth.example.com:3025")]
    [InlineData("10.0.0.1", 3022, "10.0.0.1", 3022, "10.0.0.1:3022")]
    [InlineData(":3080", 1, "", 3080, ":3080")]
    [InlineData("[::1]:3025", 1, "::1", 3025, "[::1]:3025")]
    [InlineData("[2001:db8::7]", 3023, "2001:db8::7", 3023, "[2001:db8::7]:3023")]
    [InlineData("[::]:0", 1, "::", 0, "[::]:0")]
    [InlineData("tcp://auth:3025", 1, "auth", 3025, "auth:3025")]
    [InlineData("https://proxy.example.com", 443, "proxy.example.com", 443, "proxy.example.com:443")]
    [InlineData("https://proxy.example.com:8443/", 443, "proxy.example.com", 8443, "proxy.example.com:8443")]
    [InlineData("node_1.internal:65535", 1, "node_1.internal", 65535, "node_1.internal:65535")]
    public void Parses(string text, int defaultPort, string host, int port, string addr)
    {
        NetAddr parsed = NetAddr.Parse(text, defaultPort);

        Assert.Equal(host, parsed.Host);
        Assert.Equal(port, parsed.Port);
        Assert.Equal(addr, parsed.Addr);
        Assert.Equal(addr, parsed.ToString());
        Assert.Equal(parsed, NetAddr.Parse(parsed.Addr, null));
    }

    [Theory]
    [InlineData("", "an address is required, like host:port")]
    [InlineData("host:", "\"host:\" is not an address: the port after ':' is missing")]
    [InlineData("host:http", "\"host:http\" is not an address: the port \"http\" must be a number from 0 to 65535")]
    [InlineData("host:-1", "\"host:-1\" is not an address: the port \"-1\" must be a number from 0 to 65535")]
    [InlineData("host:65536", "\"host:65536\" is not an address: the port \"65536\" must be a number from 0 to 65535")]
    [InlineData("::1", "\"::1\" is not an address: write an IPv6 address in brackets, like [::1]:3025")]
    [InlineData("[::1", "\"[::1\" is not an address: the '[' of an IPv6 address is not closed")]
    [InlineData("[web1]:22", "\"[web1]:22\" is not an address: \"web1\" in brackets is not an IPv6 address")]
    [InlineData("[::1]22", "\"[::1]22\" is not an address: expected ':' and a port after ']'")]
    [InlineData("[::1]:", "\"[::1]:\" is not an address: the port after ':' is missing")]
    [InlineData("a b:22", "\"a b:22\" is not an address: \"a b\" is not a host name or IP address")]
    [InlineData("user@host:22", "\"user@host:22\" is not an address: \"user@host\" is not a host name or IP address")]
    [InlineData("unix:///run/auth.sock", "\"unix:///run/auth.sock\" is not an address: the scheme \"unix\" is not supported (write host:port)")]
    [InlineData("tcp://", "\"tcp://\" is not an address: the host is missing")]
    [InlineData("localhost", "\"localhost\" is not an address: a port is required, like localhost:3000")]
    public void Refuses(string text, string problem)
    {
        FormatException e = Assert.Throws<FormatException>(() => NetAddr.Parse(text, text == "localhost" ? null : 3025));

        Assert.Equal(problem, e.Message);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("example.com", false)]
    public void UnspecifiedHosts(string host, bool unspecified)
    {
        Assert.Equal(unspecified, new NetAddr(host, 1).IsUnspecifiedHost);
    }
}
