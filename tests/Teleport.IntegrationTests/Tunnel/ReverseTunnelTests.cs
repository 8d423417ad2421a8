using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Teleport.Api.Client;
using Teleport.Api.Types;
using Teleport.IntegrationTests.Proxy;
using Teleport.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Teleport.IntegrationTests.Tunnel;

/// <summary>
/// A node behind NAT, as Teleport users run it: <c>proxy_server</c> instead of <c>auth_server</c>,
/// no inbound port, reached with OpenSSH's <c>ssh -J</c> through the proxy, its heartbeats, audit
/// events and recordings carried to Auth by the tunnel, and back within 30 s of a proxy restart.
/// </summary>
public sealed class ReverseTunnelTests(TunnelCluster tunnel, ITestOutputHelper output) : IClassFixture<TunnelCluster>
{
    private ProxyCluster Cluster => tunnel.Cluster;

    [Fact]
    public async Task A_node_with_proxy_server_joins_through_the_proxy_listens_on_no_port_and_is_listed_with_use_tunnel()
    {
        Server entry = await tunnel.NodeEntryAsync();
        Assert.True(entry.Spec.UseTunnel, "the node announces use_tunnel");
        Assert.True(string.IsNullOrEmpty(entry.Spec.Addr), $"a tunnelled node advertises no address, not {entry.Spec.Addr}");
        Assert.Equal("tunnel", entry.Metadata.Labels["reach"]);

        int pid = tunnel.Node.Pid ?? throw new InvalidOperationException("the tunnel node is not running");
        Assert.Empty(ListeningPorts(pid));
        using var probe = new TcpClient();
        SocketException refused = await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", tunnel.UnusedSshPort));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);

        // The join went through the proxy, and the only connection the node keeps is its tunnel.
        Assert.Contains("no listening port", tunnel.Node.Log, StringComparison.Ordinal);
        Assert.Contains("Reverse tunnel to the proxy", tunnel.Node.Log, StringComparison.Ordinal);
        Assert.Contains(tunnel.NodeId, Cluster.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssh_J_through_the_proxy_runs_a_command_on_the_tunnelled_node_and_its_audit_event_reaches_auth()
    {
        DateTimeOffset since = DateTimeOffset.UtcNow;
        WebUser user = await WebUser.CreateAndLoginAsync(Cluster, "tunneler", "access", "root");

        ProcessResult result = await user.SshJumpAsync(Cluster, "root", TunnelCluster.NodeName, "echo", "through-the-tunnel", "&&", "hostname");

        Assert.True(result.ExitCode == 0, result + "\n" + tunnel.Logs);
        Assert.Contains("through-the-tunnel", result.StandardOutput, StringComparison.Ordinal);

        // The node's audit event went to Auth through the tunnel, with the user's address.
        JsonElement exec = await WaitForEventAsync(since, "exec", e => Text(e, "server_id") == tunnel.NodeId && Text(e, "command")?.Contains("through-the-tunnel", StringComparison.Ordinal) == true);
        Assert.Equal("tunneler", Text(exec, "user"));
        Assert.Equal("0", Text(exec, "exitCode"));
        Assert.StartsWith("127.0.0.1:", Text(exec, "addr.remote"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_proxy_restarts_the_node_is_reachable_through_its_tunnel_again_within_30_seconds()
    {
        WebUser user = await WebUser.CreateAndLoginAsync(Cluster, "restarter", "access", "root");
        ProcessResult before = await user.SshJumpAsync(Cluster, "root", TunnelCluster.NodeName, "echo", "before");
        Assert.True(before.ExitCode == 0, before + "\n" + tunnel.Logs);

        await Cluster.Daemon.StopAsync();
        await Cluster.Daemon.StartAsync();
        var sinceRestart = Stopwatch.StartNew();

        ProcessResult after = before;
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            after = await user.SshJumpAsync(Cluster, "root", TunnelCluster.NodeName, "echo", "after");
        }
        while (after.ExitCode != 0 && DateTime.UtcNow < deadline);

        Assert.True(after.ExitCode == 0, $"not reachable {sinceRestart.Elapsed.TotalSeconds:0.0} s after the restart: {after}\n{tunnel.Logs}");
        output.WriteLine($"reachable through the tunnel {sinceRestart.Elapsed.TotalSeconds:0.00} s after the proxy said it was running again");
        Assert.Contains("after", after.StandardOutput, StringComparison.Ordinal);

        // Its heartbeat keeps reaching Auth through the new tunnel: the entry stays listed with use_tunnel.
        Server entry = await tunnel.NodeEntryAsync();
        Assert.True(entry.Spec.UseTunnel);
        Assert.True(entry.Metadata.Expires > DateTimeOffset.UtcNow, "the node's entry has not expired");
    }

    [Fact]
    public async Task Heartbeats_travel_the_tunnel_and_keep_the_nodes_entry_alive()
    {
        DateTimeOffset first = (await tunnel.NodeEntryAsync()).Metadata.Expires ?? throw new InvalidOperationException("the node's entry has no expiry");

        // The next heartbeat (every minute) moves the expiry on: it reached Auth through the tunnel.
        DateTimeOffset later = first;
        DateTime deadline = DateTime.UtcNow.AddSeconds(75);
        while (later <= first && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            later = (await tunnel.NodeEntryAsync()).Metadata.Expires ?? first;
        }

        Assert.True(later > first, $"no heartbeat moved the entry's expiry past {first:O}\n{tunnel.Logs}");
        Assert.True((await tunnel.NodeEntryAsync()).Spec.UseTunnel);
    }

    [Fact]
    public async Task A_stopped_tunnel_node_is_reported_offline_and_is_reachable_again_once_it_reconnects()
    {
        WebUser user = await WebUser.CreateAndLoginAsync(Cluster, "offliner", "access", "root");
        await tunnel.Node.StopAsync();
        try
        {
            ProcessResult offline = await user.SshJumpAsync(Cluster, "root", TunnelCluster.NodeName, "true");

            Assert.NotEqual(0, offline.ExitCode);
            Assert.Contains($"node {TunnelCluster.NodeName} is offline: its reverse tunnel is not connected", offline.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            await tunnel.Node.StartAsync();
        }

        // The restarted node reuses its identity (no new join) and its tunnel comes back.
        ProcessResult back = await user.SshJumpAsync(Cluster, "root", TunnelCluster.NodeName, "echo", "back");
        Assert.True(back.ExitCode == 0, back + "\n" + tunnel.Logs);
        Assert.Contains("back", back.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_join_through_the_proxy_whose_cluster_ca_does_not_match_ca_pin_is_refused_and_stores_nothing()
    {
        string config = Cluster.Directory.Combine("wrong-pin.yaml");
        await tunnel.WriteNodeConfigAsync(config, "wrong-pin-data", ProxyCluster.StaticToken, "sha256:" + new string('0', 64));

        ProcessResult result = await ExternalProcess.RunAsync(Repository.Bin("teleport"), ["start", "-c", config], new RunOptions { Timeout = TimeSpan.FromSeconds(60) });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("does not match ca_pin", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Cluster.Directory.Combine("wrong-pin-data", "node", "tls.crt")), "nothing is stored after a refused join");
    }

    [Fact]
    public async Task A_join_through_the_proxy_with_an_unknown_token_fails_with_auths_reason()
    {
        string config = Cluster.Directory.Combine("bad-token.yaml");
        await tunnel.WriteNodeConfigAsync(config, "bad-token-data", "no-such-token", tunnel.CaPin);

        ProcessResult result = await ExternalProcess.RunAsync(Repository.Bin("teleport"), ["start", "-c", config], new RunOptions { Timeout = TimeSpan.FromSeconds(60) });

        Assert.NotEqual(0, result.ExitCode);
        string printed = result.StandardOutput + result.StandardError;
        Assert.Contains($"joining the cluster through the proxy at {Cluster.WebAddress} failed", printed, StringComparison.Ordinal);
        Assert.Contains("the join token is not valid", printed, StringComparison.Ordinal);
    }

    /// <summary>The TCP ports process <paramref name="pid"/> listens on: its socket inodes in LISTEN state in /proc/net/tcp and tcp6.</summary>
    private static List<int> ListeningPorts(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (string fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            string? target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(target["socket:[".Length..^1]);
            }
        }

        var ports = new List<int>();
        foreach (string table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (string line in File.ReadLines(table).Skip(1))
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == "0A" && inodes.Contains(fields[9]))
                {
                    ports.Add(int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return ports;
    }

    private async Task<JsonElement> WaitForEventAsync(DateTimeOffset since, string type, Func<JsonElement, bool> match)
    {
        using AuthClient admin = Cluster.Admin();
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        IReadOnlyList<JsonElement> events = [];
        while (DateTime.UtcNow < deadline)
        {
            events = await admin.SearchEventsAsync(since.AddSeconds(-5), DateTimeOffset.UtcNow.AddMinutes(1), [type]);
            if (events.FirstOrDefault(match) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no {type} event from the tunnel node among {events.Count}:\n{tunnel.Logs}");
    }

    private static string? Text(JsonElement auditEvent, string field) =>
        auditEvent.TryGetProperty(field, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
