using System.Net;
using System.Text.Json;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Proxy;

/// <summary>
/// Reaching nodes through the proxy with real OpenSSH (<c>ssh -J</c>, <c>ssh -s proxy:...</c>)
/// and listing them through the web API, on a cluster with twin names and an RBAC-hidden node.
/// </summary>
public sealed class RoutingTests(RoutingCluster routing) : IClassFixture<RoutingCluster>
{
    private ProxyCluster Cluster => routing.Cluster;

    [Fact]
    public async Task Ssh_J_through_the_proxy_runs_a_command_on_the_node_with_the_login_certificate()
    {
        WebUser alice = await UserAsync("jumper", "access");
        ProcessResult result = await alice.SshJumpAsync(Cluster, "root", ProxyCluster.NodeName, "echo", "through-the-proxy", "&&", "hostname");
        Assert.True(result.ExitCode == 0, result + "\n" + Cluster.Log[^Math.Min(4000, Cluster.Log.Length)..]);
        Assert.Contains("through-the-proxy", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_proxy_subsystem_carries_the_nodes_ssh_port_and_reports_unknown_hosts_on_stderr()
    {
        WebUser user = await UserAsync("subsys", "access");
        ProcessResult carried = await user.SubsystemAsync(Cluster, $"proxy:{ProxyCluster.NodeName}:0@{ProxyCluster.Cluster}");
        Assert.True(carried.StandardOutput.StartsWith("SSH-2.0-", StringComparison.Ordinal), carried.ToString());

        ProcessResult unknown = await user.SubsystemAsync(Cluster, $"proxy:no-such-node:0@{ProxyCluster.Cluster}");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains($"node \"no-such-node\" not found in cluster {ProxyCluster.Cluster}", unknown.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_two_nodes_share_is_ambiguous_and_the_error_lists_both_uuids()
    {
        WebUser user = await UserAsync("twins", "access");
        ProcessResult result = await user.SshJumpAsync(Cluster, "root", "twin", "true");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ambiguous host \"twin\"", result.StandardError, StringComparison.Ordinal);
        foreach (string id in routing.TwinIds)
        {
            Assert.Contains(id, result.StandardError, StringComparison.Ordinal);
        }

        // The UUID picks one of them.
        ProcessResult byId = await user.SshJumpAsync(Cluster, "root", routing.TwinIds[0], "true");
        Assert.True(byId.ExitCode == 0, byId.ToString());
    }

    [Fact]
    public async Task An_unknown_host_and_a_node_the_roles_hide_are_both_not_found()
    {
        WebUser user = await UserAsync("limited", "test-only");
        ProcessResult unknown = await user.SshJumpAsync(Cluster, "root", "no-such-node", "true");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains($"node \"no-such-node\" not found in cluster {ProxyCluster.Cluster}", unknown.StandardError, StringComparison.Ordinal);

        ProcessResult hidden = await user.SshJumpAsync(Cluster, "root", "prod-node", "true");
        Assert.NotEqual(0, hidden.ExitCode);
        Assert.Contains($"node \"prod-node\" not found in cluster {ProxyCluster.Cluster}", hidden.StandardError, StringComparison.Ordinal);

        ProcessResult byId = await user.SshJumpAsync(Cluster, "root", routing.ProdNodeId, "true");
        Assert.Contains("not found", byId.StandardError, StringComparison.Ordinal);

        // An address that is no node's is not relayed either.
        ProcessResult relay = await user.SshJumpAsync(Cluster, "root", "127.0.0.2", "true");
        Assert.Contains("not found", relay.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nodes_are_listed_by_the_users_roles_and_filtered_by_label()
    {
        WebUser user = await UserAsync("lister", "test-only");
        using HttpClient web = Cluster.CreateWebClient(user.TlsCertificate);
        JsonElement all = await GetAsync(web, $"/webapi/sites/{ProxyCluster.Cluster}/nodes");
        string[] names = [.. all.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("hostname").GetString()!)];
        Assert.Equal([ProxyCluster.NodeName, "twin", "twin"], names);
        JsonElement node = all.GetProperty("items").EnumerateArray().First();
        Assert.Equal("test", node.GetProperty("labels").GetProperty("env").GetString());
        Assert.Equal(["root"], node.GetProperty("ssh_logins").EnumerateArray().Select(l => l.GetString()));
        Assert.False(node.GetProperty("tunnel").GetBoolean());
        Assert.Equal($"127.0.0.1:{Cluster.NodePort}", node.GetProperty("addr").GetString());
        Assert.True(Guid.TryParse(node.GetProperty("id").GetString(), out _));

        JsonElement filtered = await GetAsync(web, $"/webapi/sites/{ProxyCluster.Cluster}/nodes?labels=twin=b,env=test");
        JsonElement twinB = Assert.Single(filtered.GetProperty("items").EnumerateArray());
        Assert.Equal("b", twinB.GetProperty("labels").GetProperty("twin").GetString());

        WebUser admin = await UserAsync("seer", "access");
        using HttpClient seer = Cluster.CreateWebClient(admin.TlsCertificate);
        JsonElement everything = await GetAsync(seer, $"/webapi/sites/{ProxyCluster.Cluster}/nodes?labels=env=prod");
        Assert.Equal(routing.ProdNodeId, Assert.Single(everything.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Listing_nodes_needs_the_users_tls_certificate()
    {
        using HttpResponseMessage reply = await Cluster.Web.GetAsync($"/webapi/sites/{ProxyCluster.Cluster}/nodes");
        Assert.Equal(HttpStatusCode.Forbidden, reply.StatusCode);
        Assert.Contains("tsh login", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_proxy_refuses_an_expired_certificate_and_one_from_another_ca_and_says_why()
    {
        WebUser trusted = await UserAsync("refused", "access");
        string key = Cluster.Directory.Combine("refused-short");
        ProcessResult signed = await Cluster.Tctl("auth", "sign", "--user=refused", $"--out={key}", "--ttl=10s");
        Assert.True(signed.ExitCode == 0, signed.ToString());
        var certificate = (Teleport.Ssh.Keys.SshCertificate)Teleport.Ssh.Keys.SshKeyFile.ParsePublicKey(await File.ReadAllTextAsync(key + "-cert.pub"));
        DateTimeOffset expiry = DateTimeOffset.FromUnixTimeSeconds((long)certificate.ValidBefore);
        while (DateTimeOffset.UtcNow <= expiry.AddSeconds(1))
        {
            await Task.Delay(expiry.AddSeconds(1) - DateTimeOffset.UtcNow is { } left && left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(10));
        }

        ProcessResult expired = await SubsystemWithKeyAsync(trusted, key);
        Assert.NotEqual(0, expired.ExitCode);
        Assert.Contains("access denied by the proxy: certificate expired", expired.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("SSH-2.0-", expired.StandardOutput, StringComparison.Ordinal);

        string ca = Cluster.Directory.Combine("foreign-ca");
        Assert.Equal(0, (await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-f", ca])).ExitCode);
        string foreignKey = Cluster.Directory.Combine("foreign-user");
        Assert.Equal(0, (await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-f", foreignKey])).ExitCode);
        Assert.Equal(0, (await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-s", ca, "-I", "refused", "-n", "root", "-V", "+1h", foreignKey + ".pub"])).ExitCode);
        ProcessResult foreign = await SubsystemWithKeyAsync(trusted, foreignKey);
        Assert.NotEqual(0, foreign.ExitCode);
        Assert.Contains("untrusted authority", foreign.StandardError, StringComparison.Ordinal);
    }

    /// <summary>The proxy subsystem with another key and certificate than the user's login, trusting the cluster's host CA.</summary>
    private async Task<ProcessResult> SubsystemWithKeyAsync(WebUser trusted, string key)
    {
        string config = key + "-ssh_config";
        await File.WriteAllTextAsync(config, $"""
            Host *
              IdentityFile {key}
              CertificateFile {key}-cert.pub
              IdentitiesOnly yes
              UserKnownHostsFile {trusted.KnownHosts}
              GlobalKnownHostsFile /dev/null
              StrictHostKeyChecking yes
              BatchMode yes
              LogLevel INFO
            """);
        return await ExternalProcess.RunAsync("/usr/bin/ssh", ["-F", config, "-p", Cluster.SshProxyPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-s", "refused@127.0.0.1", $"proxy:{ProxyCluster.NodeName}@{ProxyCluster.Cluster}"], new RunOptions
        {
            StandardInput = new MemoryStream(),
            Timeout = TimeSpan.FromSeconds(60),
        });
    }

    private async Task<WebUser> UserAsync(string name, string roles) => await WebUser.CreateAndLoginAsync(Cluster, name, roles, "root");

    private static async Task<JsonElement> GetAsync(HttpClient web, string path)
    {
        using HttpResponseMessage reply = await web.GetAsync(path);
        string body = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.IsSuccessStatusCode, $"GET {path}: {(int)reply.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
