using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Proxy;

/// <summary>
/// A <see cref="ProxyCluster"/> with three more nodes: two both named <c>twin</c> (ambiguous by
/// name) and <c>prod-node</c> labelled <c>env=prod</c>; the role <c>test-only</c> reaches
/// <c>env=test</c> nodes alone, so prod-node is hidden from its holders.
/// </summary>
public sealed class RoutingCluster : IAsyncLifetime
{
    public ProxyCluster Cluster { get; } = new();

    public IReadOnlyList<string> TwinIds { get; private set; } = [];

    public string ProdNodeId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await Cluster.InitializeAsync();
        await Cluster.CreateRoleAsync("test-only", """
            allow:
              logins: [root]
              node_labels:
                env: test
            """);
        await Task.WhenAll(
            Cluster.StartNodeAsync("twin", new Dictionary<string, string> { ["env"] = "test", ["twin"] = "a" }),
            Cluster.StartNodeAsync("twin", new Dictionary<string, string> { ["env"] = "test", ["twin"] = "b" }),
            Cluster.StartNodeAsync("prod-node", new Dictionary<string, string> { ["env"] = "prod" }));
        TwinIds = await Cluster.WaitForNodeAsync("twin", count: 2);
        ProdNodeId = (await Cluster.WaitForNodeAsync("prod-node")).Single();
    }

    public Task DisposeAsync() => Cluster.DisposeAsync();
}
