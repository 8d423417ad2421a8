using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Tsh;

/// <summary>tsh login, status, logout and the errors a person meets: wrong password, expired certificate.</summary>
public sealed class TshLoginTests(ProxyCluster cluster) : IClassFixture<ProxyCluster>
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Login_with_password_and_OTP_piped_writes_the_profile_and_status_shows_it()
    {
        using var home = new TshHome("login");
        (string password, string secret) = await cluster.CreateUserAsync("carol", "access", "root,carol");

        ProcessResult login = await home.LoginAsync(cluster, "carol", password, await ProxyCluster.NextCodeAsync(secret));

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains("Enter password for Teleport user carol:", login.StandardError, StringComparison.Ordinal);
        Assert.Contains("Enter your OTP token:", login.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(password, login.StandardOutput + login.StandardError, StringComparison.Ordinal);
        Assert.Contains("Logged in as:       carol", login.StandardOutput, StringComparison.Ordinal);

        Assert.Equal("127.0.0.1\n", await File.ReadAllTextAsync(Path.Combine(home.Home, "current-profile")));
        string yaml = await File.ReadAllTextAsync(Path.Combine(home.Home, "127.0.0.1.yaml"));
        Assert.Contains($"web_proxy_addr: {cluster.WebAddress}\n", yaml, StringComparison.Ordinal);
        Assert.Contains($"ssh_proxy_addr: {cluster.SshProxyAddress}\n", yaml, StringComparison.Ordinal);
        Assert.Contains("site_name: itest\n", yaml, StringComparison.Ordinal);
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(home.Home, "keys", "127.0.0.1", "carol")));
        ProcessResult certificate = await ExternalProcess.RunAsync("ssh-keygen", ["-L", "-f", Path.Combine(home.Home, "keys", "127.0.0.1", "carol-ssh", "itest-cert.pub")]);
        Assert.Contains("Key ID: \"carol\"", certificate.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("@cert-authority *.itest,", await File.ReadAllTextAsync(Path.Combine(home.Home, "known_hosts")), StringComparison.Ordinal);

        ProcessResult status = await home.RunAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"> Profile URL:        https://{cluster.WebAddress}\n", status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Cluster:            itest\n", status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Roles:              access\n", status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Logins:             root, carol", status.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"Valid until: .*\[valid for 1[12]h\d+m\d+s\]", status.StandardOutput);

        ProcessResult logout = await home.RunAsync("logout");
        Assert.True(logout.ExitCode == 0, logout.ToString());
        Assert.False(Directory.Exists(Path.Combine(home.Home, "keys", "127.0.0.1")));
        ProcessResult after = await home.RunAsync("status");
        Assert.Equal(1, after.ExitCode);
        Assert.StartsWith("ERROR: not logged in", after.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_says_so_and_exits_1()
    {
        using var home = new TshHome("wrong");
        (_, string secret) = await cluster.CreateUserAsync("dave", "access", "root");

        ProcessResult login = await home.LoginAsync(cluster, "dave", "not-the-password", await ProxyCluster.NextCodeAsync(secret));

        Assert.Equal(1, login.ExitCode);
        Assert.Matches("^ERROR: .*(invalid|password|denied)", login.StandardError.Split('\n').Last(l => l.Length > 0));
        Assert.DoesNotContain("   at ", login.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(home.Home, "current-profile")));
    }

    [Fact]
    public async Task An_expired_certificate_asks_to_log_in_again_without_a_stack_trace()
    {
        using var home = new TshHome("expired");
        (string password, string secret) = await cluster.CreateUserAsync("erin", "access", "root");
        ProcessResult login = await home.LoginAsync(cluster, "erin", password, await ProxyCluster.NextCodeAsync(secret), "--ttl=10s");
        Assert.True(login.ExitCode == 0, login.ToString());
        ProcessResult before = await home.RunAsync("ssh", $"root@{ProxyCluster.NodeName}", "true");
        Assert.True(before.ExitCode == 0, before.ToString());

        ProcessResult status = await home.RunAsync("status");
        await TshHome.WaitForAsync(
            async () => (await home.RunAsync("status")).StandardOutput.Contains("[EXPIRED]", StringComparison.Ordinal),
            "the 10 s certificate to expire",
            TimeSpan.FromSeconds(30));

        foreach (string[] command in new[] { new[] { "ssh", $"root@{ProxyCluster.NodeName}", "true" }, ["ls"] })
        {
            ProcessResult expired = await home.RunAsync(command);
            Assert.Equal(1, expired.ExitCode);
            Assert.Equal($"ERROR: your credentials have expired, please log in again: tsh login --proxy={cluster.WebAddress}\n", expired.StandardError);
        }

        Assert.Contains("valid for", status.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_answers_without_a_cluster()
    {
        using var home = new TshHome("version");
        foreach (string argument in new[] { "version", "--version" })
        {
            ProcessResult version = await home.RunAsync(argument);
            Assert.Equal(0, version.ExitCode);
            Assert.Equal("Teleport v0.1.0-dev (tsh)\n", version.StandardOutput);
        }
    }
}
