using System.Diagnostics;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Node;

/// <summary>
/// How connections to a node live and end: many sessions over one multiplexed connection, a client
/// that vanishes, the roles' idle timeout, and sessions that outlive an Auth restart.
/// </summary>
public sealed class ConnectionLifecycleTests(NodeCluster cluster) : IClassFixture<NodeCluster>
{
    [Fact]
    public async Task Commands_share_one_connection_through_an_OpenSSH_control_master()
    {
        string controlDirectory = cluster.Auth.Directory.Combine("cm");
        Directory.CreateDirectory(controlDirectory);
        string[] options = [.. cluster.SshArguments(), "-o", "ControlMaster=auto", "-o", $"ControlPath={controlDirectory}/cm-%C", "-o", "ControlPersist=30"];
        try
        {
            ProcessResult first = await cluster.SshWithAsync(options, null, "echo first-$((1+1)) $SSH_CLIENT");
            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.StartsWith("first-2 127.0.0.1 ", first.StandardOutput, StringComparison.Ordinal);
            string clientPort = first.StandardOutput.Split(' ')[2];

            ProcessResult check = await ExternalProcess.RunAsync("/usr/bin/ssh", [.. options, "-O", "check", "127.0.0.1"]);
            Assert.True(check.ExitCode == 0, check.ToString());
            Assert.Contains("Master running", check.StandardError, StringComparison.Ordinal);

            // At once, as three sessions on the master's connection: the same client port for all.
            ProcessResult[] reused = await Task.WhenAll(Enumerable.Range(1, 3).Select(i =>
                cluster.SshWithAsync(options, null, $"echo reused-$(({i}*10)) $SSH_CLIENT; exit {i}")));
            for (int i = 1; i <= 3; i++)
            {
                ProcessResult result = reused[i - 1];
                Assert.True(result.ExitCode == i, result.ToString());
                Assert.Equal($"reused-{i * 10} 127.0.0.1 {clientPort} {cluster.SshPort}\n", result.StandardOutput);
            }
        }
        finally
        {
            await ExternalProcess.RunAsync("/usr/bin/ssh", [.. options, "-O", "exit", "127.0.0.1"]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_killed_with_SIGKILL_leaves_no_process_on_the_node(bool terminal)
    {
        // A sleep of a unique length: its command line is the marker.
        string marker = $"sleep {Random.Shared.Next(100_000, 999_999)}";
        using Process client = ExternalProcess.Start("/usr/bin/ssh", [.. cluster.SshArguments(), .. terminal ? new[] { "-tt" } : [], "127.0.0.1", $"{marker}; echo done"]);
        try
        {
            await Eventually.WaitAsync(() => Pgrep("-x", marker), $"'{marker}' to run on the node");
        }
        finally
        {
            client.Kill();
            await client.WaitForExitAsync();
        }

        await Eventually.WaitAsync(() => !Pgrep(marker), $"every process of '{marker}' to end on the node");
    }

    [Fact]
    public async Task A_client_idle_past_the_roles_client_idle_timeout_is_disconnected_with_the_reason()
    {
        await cluster.CreateRoleAsync("idle-access", """
            allow:
              logins: [root]
              node_labels:
                '*': '*'
            options:
              client_idle_timeout: 3s
            """);
        ProcessResult added = await cluster.Auth.TctlAsync("users", "add", "idler", "--roles=idle-access");
        Assert.True(added.ExitCode == 0, added.ToString());
        string key = cluster.Auth.Directory.Combine("idler");
        await cluster.SignAsync("idler", key);

        var clock = Stopwatch.StartNew();
        ProcessResult result = await cluster.SshWithAsync(cluster.SshArguments(key), null, "sleep 30; echo not-disconnected");
        clock.Stop();

        Assert.True(result.ExitCode == 255, result.ToString());
        Assert.DoesNotContain("not-disconnected", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("idle timeout", result.StandardError, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_expired_certificate_ends_its_connection_under_disconnect_expired_cert_and_cannot_log_in_again()
    {
        await cluster.CreateRoleAsync("expiring-access", """
            allow:
              logins: [root]
              node_labels:
                '*': '*'
            options:
              disconnect_expired_cert: true
            """);
        ProcessResult added = await cluster.Auth.TctlAsync("users", "add", "shortlived", "--roles=expiring-access");
        Assert.True(added.ExitCode == 0, added.ToString());
        string key = cluster.Auth.Directory.Combine("shortlived");
        await cluster.SignAsync("shortlived", key, ttl: "10s");

        ProcessResult running = await cluster.SshWithAsync(cluster.SshArguments(key), null, "sleep 60; echo survived");
        Assert.True(running.ExitCode == 255, running.ToString());
        Assert.DoesNotContain("survived", running.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("certificate has expired", running.StandardError, StringComparison.Ordinal);

        ProcessResult again = await cluster.SshWithAsync(cluster.SshArguments(key), null, "true");
        Assert.True(again.ExitCode == 255, again.ToString());
        Assert.Contains("certificate expired", again.StandardError, StringComparison.Ordinal);
        Assert.Contains("tsh login", again.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_outlive_an_Auth_restart_and_new_logins_work_after_it()
    {
        string marker = $"ticks-{Guid.NewGuid():N}";
        using Process client = ExternalProcess.Start("/usr/bin/ssh", [.. cluster.SshArguments(), "127.0.0.1", $"for i in $(seq 1 40); do echo tick; sleep 0.25; done; : {marker}"]);
        client.StandardInput.Close();
        Task<string> error = client.StandardError.ReadToEndAsync();
        Task<string> output = client.StandardOutput.ReadToEndAsync();
        try
        {
            await Eventually.WaitAsync(() => Pgrep($"^bash -c .*{marker}"), "the session's shell to run on the node");
            var stopping = Stopwatch.StartNew();
            try
            {
                await cluster.Auth.StopAsync();
                if (client.HasExited)
                {
                    Assert.Fail($"the session ended with Auth (stopped in {stopping.Elapsed}): exit {client.ExitCode} {await error}");
                }
            }
            finally
            {
                await cluster.Auth.StartAsync();
            }

            await client.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!client.HasExited)
            {
                client.Kill();
            }
        }

        Assert.True(client.ExitCode == 0, $"exit {client.ExitCode}: {await error}");
        Assert.Equal(string.Concat(Enumerable.Repeat("tick\n", 40)), await output);

        ProcessResult after = await cluster.SshAsync("echo after-$((2+3))");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal("after-5\n", after.StandardOutput);
    }

    private static bool Pgrep(params string[] arguments)
    {
        using Process pgrep = ExternalProcess.Start("pgrep", ["-f", .. arguments]);
        pgrep.WaitForExit();
        return pgrep.ExitCode == 0;
    }
}
