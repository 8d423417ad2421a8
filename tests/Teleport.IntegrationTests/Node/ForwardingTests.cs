using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Node;

/// <summary>OpenSSH's -W/-L, -R and -A through a real node: allowed by alice's role, refused by a role with port_forwarding and forward_agent off.</summary>
public sealed class ForwardingTests(NodeCluster cluster) : IClassFixture<NodeCluster>
{
    [Fact]
    public async Task Direct_tcpip_carries_bytes_both_ways_and_is_audited()
    {
        DateTimeOffset since = DateTimeOffset.UtcNow;
        await using var echo = new EchoServer();
        string target = $"127.0.0.1:{echo.Port}";

        ProcessResult result = await cluster.SshWithAsync([.. cluster.SshArguments(), "-W", target], "hello through -W\nsecond line\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello through -W\nsecond line\n", result.StandardOutput);
        JsonElement port = await AuditSearch.WaitForAsync(cluster.Auth, since, "port", e => e.Text("addr") == target, $"for {target}");
        Assert.Equal("alice", port.Text("user"));
        Assert.Equal(NodeCluster.Login, port.Text("login"));
        Assert.Equal("T3003I", port.Text("code"));
    }

    [Fact]
    public async Task Remote_forward_listens_on_the_node_and_reaches_the_client_side()
    {
        await using var echo = new EchoServer();
        int listen = Ports.Free();

        ProcessResult result = await cluster.SshWithAsync(
            [.. cluster.SshArguments(), "-o", "ExitOnForwardFailure=yes", "-R", $"{listen}:127.0.0.1:{echo.Port}"], null,
            $"exec 3<>/dev/tcp/127.0.0.1/{listen} && echo ping >&3 && head -n1 <&3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ping\n", result.StandardOutput);
        Assert.Equal(1, echo.Accepted);
    }

    [Fact]
    public async Task Remote_forward_on_port_0_reports_the_allocated_port_and_closes_it_with_the_connection()
    {
        await using var echo = new EchoServer();
        using Process ssh = ExternalProcess.Start("/usr/bin/ssh",
            [.. cluster.SshArguments(), "-N", "-o", "ExitOnForwardFailure=yes", "-R", $"0:127.0.0.1:{echo.Port}", "127.0.0.1"]);
        int allocated;
        try
        {
            allocated = await ReadAllocatedPortAsync(ssh);
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, allocated);
            NetworkStream stream = client.GetStream();
            await stream.WriteAsync("pong\n"u8.ToArray());
            client.Client.Shutdown(SocketShutdown.Send);
            using var reader = new StreamReader(stream);
            Assert.Equal("pong\n", await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20)));
        }
        finally
        {
            ssh.Kill();
            await ssh.WaitForExitAsync();
        }

        await Eventually.WaitAsync(() => !Ports.Accepts(allocated), $"the node to stop listening on {allocated}");
    }

    [Fact]
    public async Task Agent_forwarding_lists_the_clients_keys_through_a_private_socket()
    {
        await using var agent = await TestAgent.StartAsync(cluster.Auth.Directory.Combine("agent-allowed"));

        ProcessResult result = await ExternalProcess.RunAsync("/usr/bin/ssh", [.. cluster.SshArguments(), "-A", "127.0.0.1",
            "ssh-add -l; stat -c '%a %U' \"$SSH_AUTH_SOCK\""], new RunOptions { AuthSocket = agent.Socket });

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(agent.Fingerprint, lines[0].Split(' ')[1]);
        Assert.Equal("600 root", lines[1]);
    }

    [Fact]
    public async Task A_role_without_forwarding_refuses_W_R_and_A()
    {
        DateTimeOffset since = DateTimeOffset.UtcNow;
        await cluster.CreateRoleAsync("no-forwarding", """
            allow:
              logins: [root]
              node_labels:
                '*': '*'
            options:
              port_forwarding: false
              forward_agent: false
            """);
        ProcessResult added = await cluster.Auth.TctlAsync("users", "add", "bob", "--roles=no-forwarding");
        Assert.True(added.ExitCode == 0, added.ToString());
        string bobKey = cluster.Auth.Directory.Combine("bob");
        await cluster.SignAsync("bob", bobKey);
        await using var echo = new EchoServer();
        string target = $"127.0.0.1:{echo.Port}";

        ProcessResult direct = await cluster.SshWithAsync([.. cluster.SshArguments(bobKey), "-W", target], "never echoed\n");
        Assert.True(direct.ExitCode != 0, direct.ToString());
        Assert.Contains("administratively prohibited", direct.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, direct.StandardOutput);

        int listen = Ports.Free();
        ProcessResult remote = await cluster.SshWithAsync(
            [.. cluster.SshArguments(bobKey), "-o", "ExitOnForwardFailure=yes", "-R", $"{listen}:127.0.0.1:{echo.Port}"], null, "echo ran");
        Assert.Equal(255, remote.ExitCode);
        Assert.Contains("remote port forwarding failed", remote.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("ran", remote.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, echo.Accepted);

        await using var agent = await TestAgent.StartAsync(cluster.Auth.Directory.Combine("agent-denied"));
        ProcessResult forwarded = await ExternalProcess.RunAsync("/usr/bin/ssh", [.. cluster.SshArguments(bobKey), "-A", "127.0.0.1",
            "echo \"sock=[$SSH_AUTH_SOCK]\""], new RunOptions { AuthSocket = agent.Socket });
        Assert.True(forwarded.ExitCode == 0, forwarded.ToString());
        Assert.Equal("sock=[]\n", forwarded.StandardOutput);

        JsonElement refused = await AuditSearch.WaitForAsync(cluster.Auth, since, "port", e => e.Text("user") == "bob" && e.Text("addr") == target, $"for bob to {target}");
        Assert.Equal("T3003E", refused.Text("code"));
        Assert.Equal(NodeCluster.Login, refused.Text("login"));
    }

    /// <summary>OpenSSH logs "Allocated port N for remote forward to ..." once the node replied to tcpip-forward for port 0.</summary>
    private static async Task<int> ReadAllocatedPortAsync(Process ssh)
    {
        var seen = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await ssh.StandardError.ReadLineAsync(timeout.Token) is string line)
        {
            seen.AppendLine(line);
            System.Text.RegularExpressions.Match match = System.Text.RegularExpressions.Regex.Match(line, @"Allocated port (\d+) for remote forward");
            if (match.Success)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"ssh ended without allocating a port: {seen}");
    }
}
