using System.Text.Json;
using Teleport.Api.Config;
using Teleport.Srv.Tunnel;

namespace Teleport.Srv.Tests.Tunnel;

public sealed class ProxyPingTests
{
    private static readonly NetAddr Proxy = new("proxy.example.com", 3080);

    [Fact]
    public void The_tunnel_public_address_is_dialled()
    {
        NetAddr addr = Read("""{"proxy":{"ssh":{"tunnel_listen_addr":"0.0.0.0:3024","ssh_tunnel_public_addr":"tunnel.example.com:443"}}}""");

        Assert.Equal("tunnel.example.com:443", addr.Addr);
    }

    [Fact]
    public void A_listen_everywhere_address_means_the_proxys_own_host()
    {
        NetAddr addr = Read("""{"proxy":{"ssh":{"tunnel_listen_addr":"0.0.0.0:4024"}}}""");

        Assert.Equal("proxy.example.com:4024", addr.Addr);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"proxy":{"ssh":{"ssh_tunnel_public_addr":17}}}""")]
    [InlineData("[]")]
    public void Without_an_answer_the_default_tunnel_port_on_the_proxys_host_is_used(string json)
    {
        Assert.Equal("proxy.example.com:3024", Read(json).Addr);
    }

    private static NetAddr Read(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return ProxyPing.TunnelAddress(document.RootElement, Proxy);
    }
}
