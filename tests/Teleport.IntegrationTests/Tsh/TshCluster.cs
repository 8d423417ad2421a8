using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Tsh;

/// <summary>
/// A <see cref="ProxyCluster"/> with two more nodes (<c>itest-web</c> labelled env=test,
/// <c>itest-prod</c> labelled env=prod) and two users logged in with tsh: alice (role access, sees
/// every node) and bob (a role that only allows env=test nodes).
/// </summary>
public sealed class TshCluster : IAsyncLifetime
{
    public const string WebNode = "itest-web";
    public const string ProdNode = "itest-prod";

    public ProxyCluster Cluster { get; } = new();

    public TshHome Alice { get; } = new("alice");

    public TshHome Bob { get; } = new("bob");

    public async Task InitializeAsync()
    {
        await Cluster.InitializeAsync();
        await Cluster.StartNodeAsync(WebNode, new Dictionary<string, string> { ["env"] = "test" });
        await Cluster.StartNodeAsync(ProdNode, new Dictionary<string, string> { ["env"] = "prod" });
        await Cluster.CreateRoleAsync("test-only", """
            allow:
              logins: [root]
              node_labels:
                env: test
            """);
        await Alice.CreateAndLoginAsync(Cluster, "alice", "access", "root");
        await Bob.CreateAndLoginAsync(Cluster, "bob", "test-only", "root");
        await Cluster.WaitForNodeAsync(WebNode);
        await Cluster.WaitForNodeAsync(ProdNode);
    }

    public async Task DisposeAsync()
    {
        Alice.Dispose();
        Bob.Dispose();
        await Cluster.DisposeAsync();
    }
}
