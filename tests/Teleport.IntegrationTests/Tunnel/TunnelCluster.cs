using Teleport.Api.Client;
using Teleport.Api.Types;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Tunnel;

/// <summary>
/// A <see cref="ProxyCluster"/> (auth, proxy and a direct node in one process) and a second
/// process, <c>tunnel-node</c>, configured with <c>proxy_server</c> only: it joins through the
/// proxy's web API and is reached through its reverse tunnel. Its <c>ssh_service.listen_addr</c>
/// names a free port that must stay unbound.
/// </summary>
public sealed class TunnelCluster : IAsyncLifetime
{
    public const string NodeName = "tunnel-node";

    private TeleportDaemon? _node;

    public ProxyCluster Cluster { get; } = new();

    /// <summary>The port in the tunnel node's listen_addr, which it must not listen on.</summary>
    public int UnusedSshPort { get; } = Ports.Free();

    public string NodeConfigPath => Cluster.Directory.Combine("tunnel-node.yaml");

    public TeleportDaemon Node => _node ?? throw new InvalidOperationException("the tunnel node has not started");

    public string NodeId { get; private set; } = string.Empty;

    /// <summary>The cluster's ca_pin, as <c>tctl status</c> prints it.</summary>
    public string CaPin { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await Cluster.InitializeAsync();
        ProcessResult status = await Cluster.Tctl("status");
        CaPin = System.Text.RegularExpressions.Regex.Match(status.StandardOutput, "sha256:[0-9a-f]{64}").Value;
        Assert.True(CaPin.Length > 0, "no CA pin in tctl status: " + status);
        await WriteNodeConfigAsync(NodeConfigPath, "tunnel-node-data", ProxyCluster.StaticToken, CaPin);
        _node = new TeleportDaemon(NodeConfigPath);
        await _node.StartAsync();
        NodeId = (await Cluster.WaitForNodeAsync(NodeName)).Single();
    }

    /// <summary>A teleport.yaml for a node that joins through the proxy with <paramref name="token"/> and <paramref name="caPin"/>.</summary>
    public Task WriteNodeConfigAsync(string path, string dataDir, string token, string caPin) =>
        File.WriteAllTextAsync(path, $"""
            version: v3
            teleport:
              nodename: {NodeName}
              data_dir: {Cluster.Directory.Combine(dataDir)}
              proxy_server: {Cluster.WebAddress}
              ca_pin: "{caPin}"
              join_params:
                token_name: {token}
                method: token
              log:
                severity: DEBUG
            auth_service:
              enabled: no
            proxy_service:
              enabled: no
            ssh_service:
              enabled: yes
              listen_addr: 127.0.0.1:{UnusedSshPort}
              labels:
                env: test
                reach: tunnel
            """);

    /// <summary>The tunnel node's entry in Auth's node list.</summary>
    public async Task<Server> NodeEntryAsync()
    {
        using AuthClient admin = Cluster.Admin();
        return (Server)await admin.GetResourceAsync("node", NodeId);
    }

    public string Logs => $"--- cluster ---\n{Tail(Cluster.Log)}\n--- tunnel node ---\n{Tail(Node.Log)}";

    private static string Tail(string log) => log[^Math.Min(6000, log.Length)..];

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        await Cluster.DisposeAsync();
    }
}
