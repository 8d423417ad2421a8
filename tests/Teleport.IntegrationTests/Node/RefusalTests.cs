using System.Text.Json;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Node;

/// <summary>
/// Who the node lets in and as whom: refusals by labels, by an untrusted CA and for a login the OS
/// does not know, each explained to the user and audited; and a session as an unprivileged OS user.
/// </summary>
public sealed class RefusalTests(NodeCluster cluster) : IClassFixture<NodeCluster>
{
    private const string OsUser = "tp-node-user";

    [Fact]
    public async Task A_role_for_other_node_labels_is_refused_and_audited()
    {
        DateTimeOffset since = DateTimeOffset.UtcNow;
        string key = await AddUserAsync("dave", "prod-only", """
            allow:
              logins: [root]
              node_labels:
                env: prod
            """);

        ProcessResult result = await cluster.SshWithAsync(cluster.SshArguments(key), null, "echo in");

        Assert.Equal(255, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
        Assert.Contains("access denied", result.StandardError, StringComparison.Ordinal);
        JsonElement refused = await AuditSearch.WaitForAsync(cluster.Auth, since, "auth", e => e.Text("user") == "dave", "for dave");
        Assert.Equal("T3007W", refused.Text("code"));
        Assert.Equal(NodeCluster.Login, refused.Text("login"));
        Assert.Contains("access denied", refused.Text("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_from_another_authority_is_refused_and_audited()
    {
        DateTimeOffset since = DateTimeOffset.UtcNow;
        string ca = cluster.Auth.Directory.Combine("foreign_ca");
        string key = cluster.Auth.Directory.Combine("foreign_user");
        foreach (string path in new[] { ca, key })
        {
            ProcessResult generated = await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path]);
            Assert.True(generated.ExitCode == 0, generated.ToString());
        }

        ProcessResult signed = await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-s", ca, "-I", "mallory", "-n", "root", "-V", "-5m:+1h", key + ".pub"]);
        Assert.True(signed.ExitCode == 0, signed.ToString());

        ProcessResult result = await cluster.SshWithAsync(cluster.SshArguments(key), null, "echo in");

        Assert.Equal(255, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
        Assert.Contains("untrusted authority", result.StandardError, StringComparison.Ordinal);
        JsonElement refused = await AuditSearch.WaitForAsync(cluster.Auth, since, "auth", e => e.Text("user") == "mallory", "for the foreign certificate");
        Assert.Equal("T3007W", refused.Text("code"));
        Assert.Contains("untrusted authority", refused.Text("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_the_role_allows_but_the_os_lacks_gets_a_clear_error()
    {
        string key = await AddUserAsync("erin", "ghost-login", """
            allow:
              logins: [tp-no-such-user]
              node_labels:
                '*': '*'
            """);

        ProcessResult result = await cluster.SshWithAsync(cluster.SshArguments(key, "tp-no-such-user"), null, "echo in");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
        Assert.Contains("\"tp-no-such-user\" does not exist", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_as_another_os_user_runs_as_that_user_in_its_home_with_its_own_agent_socket()
    {
        await EnsureOsUserAsync();
        string key = await AddUserAsync("frank", "os-user", $"""
            allow:
              logins: [{OsUser}]
              node_labels:
                env: test
            options:
              forward_agent: true
            """);
        await using var agent = await TestAgent.StartAsync(cluster.Auth.Directory.Combine("agent-os-user"));

        ProcessResult result = await ExternalProcess.RunAsync("/usr/bin/ssh", [.. cluster.SshArguments(key, OsUser), "-A", "127.0.0.1",
            "id -un; pwd; echo $HOME; echo $USER; stat -c '%a %U' \"$SSH_AUTH_SOCK\" \"$(dirname \"$SSH_AUTH_SOCK\")\"; ssh-add -l"],
            new RunOptions { AuthSocket = agent.Socket });

        Assert.True(result.ExitCode == 0, result.ToString());
        string home = $"/home/{OsUser}";
        string[] lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([OsUser, home, home, OsUser, $"600 {OsUser}", $"700 {OsUser}"], lines[..6]);
        Assert.Equal(agent.Fingerprint, lines[6].Split(' ')[1]);
    }

    private async Task<string> AddUserAsync(string user, string role, string spec)
    {
        await cluster.CreateRoleAsync(role, spec);
        ProcessResult added = await cluster.Auth.TctlAsync("users", "add", user, $"--roles={role}");
        Assert.True(added.ExitCode == 0, added.ToString());
        string key = cluster.Auth.Directory.Combine(user);
        await cluster.SignAsync(user, key);
        return key;
    }

    /// <summary>useradd -m, unless it exists from a previous run (exit 9: another run created it meanwhile).</summary>
    private static async Task EnsureOsUserAsync()
    {
        if ((await ExternalProcess.RunAsync("id", [OsUser])).ExitCode == 0)
        {
            return;
        }

        ProcessResult created = await ExternalProcess.RunAsync("useradd", ["-m", "-s", "/bin/bash", OsUser]);
        Assert.True(created.ExitCode is 0 or 9, created.ToString());
    }
}
