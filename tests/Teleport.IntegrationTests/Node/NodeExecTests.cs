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
}
