using Teleport.Proxy.Routing;

namespace Teleport.Proxy.Tests.Routing;

/// <summary>The <c>proxy:HOST:PORT@CLUSTER</c> subsystem as tsh (and Teleport's tsh) sends it.</summary>
public sealed class NodeTargetTests
{
    [Theory]
    [InlineData("proxy:web1:0@main", "web1", 0, "main")]
    [InlineData("proxy:web1:3022@main", "web1", 3022, "main")]
    [InlineData("proxy:web1:@main", "web1", 0, "main")]
    [InlineData("proxy:web1@main", "web1", 0, "main")]
    [InlineData("proxy:web1:22", "web1", 22, null)]
    [InlineData("proxy:web1", "web1", 0, null)]
    [InlineData("proxy:10.0.0.5:3022@", "10.0.0.5", 3022, null)]
    [InlineData("proxy:[::1]:3022@main", "::1", 3022, "main")]
    [InlineData("proxy:[::1]@main", "::1", 0, "main")]
    [InlineData("proxy:3e1a2b4c-0000-4000-8000-000000000001:0@main", "3e1a2b4c-0000-4000-8000-000000000001", 0, "main")]
    public void Parses_host_port_and_cluster(string subsystem, string host, int port, string? cluster)
    {
        Assert.True(NodeTarget.TryParseSubsystem(subsystem, out NodeTarget? target));
        Assert.Equal(new NodeTarget(host, port, cluster), target);
    }

    [Theory]
    [InlineData("sftp")]
    [InlineData("proxy:")]
    [InlineData("proxy::22@main")]
    [InlineData("proxy:web1:http@main")]
    [InlineData("proxy:web1:65536")]
    [InlineData("proxy:web1:-1")]
    [InlineData("proxy:[::1@main")]
    [InlineData("proxy:[::1]x22")]
    public void Refuses_anything_else(string subsystem) => Assert.False(NodeTarget.TryParseSubsystem(subsystem, out _));
}
