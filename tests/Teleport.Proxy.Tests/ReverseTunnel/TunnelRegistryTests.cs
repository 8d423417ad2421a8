using Teleport.Proxy.ReverseTunnel;

namespace Teleport.Proxy.Tests.ReverseTunnel;

public sealed class TunnelRegistryTests
{
    private const string HostId = "6f1c0b9e-0d7c-4a3e-9a55-2f0e7e0b8f11";

    [Fact]
    public void A_registered_tunnel_is_found_by_host_id_in_any_case()
    {
        var registry = new TunnelRegistry<object>();
        var tunnel = new object();

        Assert.Null(registry.Register(HostId, tunnel));

        Assert.True(registry.TryGet(HostId.ToUpperInvariant(), out object? found));
        Assert.Same(tunnel, found);
        Assert.False(registry.TryGet("another-host", out _));
    }

    [Fact]
    public void The_newest_tunnel_wins_and_the_old_ones_end_does_not_remove_it()
    {
        var registry = new TunnelRegistry<object>();
        var old = new object();
        var reconnected = new object();
        registry.Register(HostId, old);

        Assert.Same(old, registry.Register(HostId, reconnected));
        Assert.False(registry.Remove(HostId, old));

        Assert.True(registry.TryGet(HostId, out object? found));
        Assert.Same(reconnected, found);
    }

    [Fact]
    public void A_tunnel_that_ends_is_removed()
    {
        var registry = new TunnelRegistry<object>();
        var tunnel = new object();
        registry.Register(HostId, tunnel);

        Assert.True(registry.Remove(HostId, tunnel));

        Assert.False(registry.TryGet(HostId, out _));
        Assert.Equal(0, registry.Count);
    }
}
