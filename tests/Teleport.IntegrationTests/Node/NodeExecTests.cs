using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Node;

/// <summary>OpenSSH's ssh against a real node: exec, exit codes, stdin, no terminal without -t, environment, refusals.</summary>
public sealed class NodeExecTests(NodeCluster cluster) : IClassFixture<NodeCluster>
{
    [Fact]
    public async Task Exec_returns_output_and_the_exit_code()
    {
        ProcessResult result = await cluster.SshAsync("echo out; echo err >&2; exit 7");
        Assert.True(result.ExitCode == 7, result.ToString());
        Assert.Equal("out\n", result.StandardOutput);
        Assert.Contains("err", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_input_reaches_the_command_and_its_end_too()
    {
        ProcessResult result = await cluster.SshWithAsync(cluster.SshArguments(), "one\ntwo\nthree\n", "wc", "-l");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("3", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Without_t_there_is_no_terminal_and_the_environment_is_sshds()
    {
        ProcessResult result = await cluster.SshWithAsync([.. cluster.SshArguments(), "-o", "SetEnv=LC_TESTVAR=kept FOO=dropped"], null,
            "tty; echo HOME=$HOME USER=$USER LOGNAME=$LOGNAME SHELL=$SHELL; echo PATH=$PATH; echo CONN=$SSH_CONNECTION; echo CLIENT=$SSH_CLIENT; echo LC=$LC_TESTVAR FOO=$FOO");
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.StandardOutput.Split('\n');
        Assert.Equal("not a tty", lines[0]);
        Assert.Equal("HOME=/root USER=root LOGNAME=root SHELL=/bin/bash", lines[1]);
        // root's ~/.bashrc may prepend to it (bash reads it under sshd too); the base is sshd's.
        Assert.EndsWith("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", lines[2], StringComparison.Ordinal);
        Assert.Matches($@"^CONN=127\.0\.0\.1 \d+ 127\.0\.0\.1 {cluster.SshPort}$", lines[3]);
        Assert.Matches($@"^CLIENT=127\.0\.0\.1 \d+ {cluster.SshPort}$", lines[4]);
        Assert.Equal("LC=kept FOO=", lines[5]);
    }

    [Fact]
    public async Task A_signal_ending_the_command_is_reported_as_ssh_does()
    {
        ProcessResult result = await cluster.SshAsync("kill -TERM $$");
        Assert.Equal(255, result.ExitCode);
    }

    [Fact]
    public async Task A_login_not_in_the_certificate_is_refused_with_the_reason()
    {
        ProcessResult result = await cluster.SshWithAsync(cluster.SshArguments(login: "daemon"), null, "true");
        Assert.Equal(255, result.ExitCode);
        Assert.Contains("certificate is not valid for login \"daemon\"", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_key_is_refused()
    {
        string key = cluster.Auth.Directory.Combine("plain_key");
        ProcessResult generated = await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key]);
        Assert.Equal(0, generated.ExitCode);
        ProcessResult result = await cluster.SshWithAsync(cluster.SshArguments(key), null, "true");
        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_node_is_listed_with_its_static_and_command_labels()
    {
        // The first heartbeat goes out as the node starts; wait for it rather than assume it landed.
        string? line = null;
        await Eventually.WaitAsync(() =>
        {
            ProcessResult listed = cluster.Auth.TctlAsync("nodes", "ls").GetAwaiter().GetResult();
            line = listed.StandardOutput.Split('\n').FirstOrDefault(l => l.StartsWith(NodeCluster.NodeName, StringComparison.Ordinal));
            return line is not null;
        }, "the node in tctl nodes ls");
        Assert.Contains("env=test", line, StringComparison.Ordinal);
        Assert.Contains("kernel=Linux", line, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{cluster.SshPort}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restarted_node_keeps_its_identity_and_needs_no_new_join()
    {
        string hostId = (await File.ReadAllTextAsync(Path.Combine(cluster.NodeDataDir, "host_uuid"))).Trim();
        string certificate = await File.ReadAllTextAsync(Path.Combine(cluster.NodeDataDir, "node", "ssh_host_key-cert.pub"));
        Assert.Equal(System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(cluster.NodeDataDir, "node", "ssh_host_key")));
        Assert.Equal(System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(cluster.NodeDataDir, "node", "tls.key")));

        await cluster.Node.StopAsync();
        await cluster.Node.StartAsync();

        Assert.Contains($"Using the identity of host {hostId}", cluster.Node.Log, StringComparison.Ordinal);
        Assert.Equal(certificate, await File.ReadAllTextAsync(Path.Combine(cluster.NodeDataDir, "node", "ssh_host_key-cert.pub")));
        ProcessResult result = await cluster.SshAsync("echo back");
        Assert.True(result.ExitCode == 0 && result.StandardOutput == "back\n", result.ToString());
        ProcessResult listed = await cluster.Auth.TctlAsync("nodes", "ls");
        Assert.Single(listed.StandardOutput.Split('\n'), l => l.Contains(hostId, StringComparison.Ordinal));
    }
}
