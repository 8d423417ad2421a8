using Teleport.Client.OpenSsh;
using Teleport.Client.Profiles;
using Teleport.Ssh.Keys;

namespace Teleport.Client.Tests.OpenSsh;

public sealed class SshConfigTests
{
    private static readonly ClientProfile Profile = new("proxy.example.com:3080", "proxy.example.com:3023", "alice", "example", Insecure: false);

    [Fact]
    public void Config_points_OpenSSH_at_tshs_files_and_proxy_command()
    {
        var store = new ProfileStore("/home/alice/my tsh");
        string config = SshConfigWriter.Write(Profile, store, "/usr/local/bin/tsh", teleportHome: null);

        Assert.Contains("Host *.example proxy.example.com\n", config, StringComparison.Ordinal);
        Assert.Contains("    UserKnownHostsFile \"/home/alice/my tsh/known_hosts\"\n", config, StringComparison.Ordinal);
        Assert.Contains("    IdentityFile \"/home/alice/my tsh/keys/proxy.example.com/alice\"\n", config, StringComparison.Ordinal);
        Assert.Contains("    CertificateFile \"/home/alice/my tsh/keys/proxy.example.com/alice-ssh/example-cert.pub\"\n", config, StringComparison.Ordinal);
        Assert.Contains("Host *.example !proxy.example.com\n    Port 3022\n", config, StringComparison.Ordinal);
        Assert.Contains("    ProxyCommand \"/usr/local/bin/tsh\" proxy ssh --cluster=example --proxy=proxy.example.com:3080 %r@%h:%p\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void TELEPORT_HOME_is_passed_on_to_the_proxy_command()
    {
        var store = new ProfileStore("/tmp/home");
        string config = SshConfigWriter.Write(Profile, store, "/opt/tsh", teleportHome: "/tmp/home");
        Assert.Contains("    ProxyCommand env TELEPORT_HOME=\"/tmp/home\" \"/opt/tsh\" proxy ssh ", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_hosts_line_trusts_the_host_CA_for_cluster_nodes_on_any_port_and_the_proxy()
    {
        SshPublicKey authority = Ed25519PrivateKey.Generate().PublicKey;
        string line = KnownHostsLines.Format("example", "proxy.example.com", authority);

        Assert.Equal($"@cert-authority *.example,[*.example]:*,proxy.example.com,[proxy.example.com]:* {authority.ToOpenSshString()} type=host", line);
        KnownHostsEntry entry = KnownHostsEntry.ParseLine(line)!;
        Assert.True(entry.MatchesHost("web1.example", 3022));
        Assert.True(entry.MatchesHost("proxy.example.com", 3023));
        Assert.False(entry.MatchesHost("web1.other", 3022));
        Assert.True(KnownHostsLines.IsForCluster(line, "example"));
        Assert.False(KnownHostsLines.IsForCluster(line, "other"));
    }
}
