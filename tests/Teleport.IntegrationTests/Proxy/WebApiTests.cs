using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Proxy;

/// <summary>The proxy's web API on a real single-process cluster: ping, invitations, logins and their refusals.</summary>
public sealed class WebApiTests(ProxyCluster cluster) : IClassFixture<ProxyCluster>
{
    private static readonly string PublicKey = NewPublicKey();
    [Fact]
    public async Task Ping_tells_the_cluster_its_second_factor_and_the_proxy_addresses()
    {
        JsonElement ping = await cluster.GetJsonAsync("/webapi/ping");
        Assert.Equal(ProxyCluster.Cluster, ping.GetProperty("cluster_name").GetString());
        Assert.Equal("local", ping.GetProperty("auth").GetProperty("type").GetString());
        Assert.Equal("otp", ping.GetProperty("auth").GetProperty("second_factor").GetString());
        Assert.Equal(string.Empty, ping.GetProperty("auth").GetProperty("local").GetProperty("name").GetString());
        JsonElement ssh = ping.GetProperty("proxy").GetProperty("ssh");
        Assert.Equal(cluster.SshProxyAddress, ssh.GetProperty("listen_addr").GetString());
        Assert.Equal(cluster.TunnelAddress, ssh.GetProperty("tunnel_listen_addr").GetString());
        Assert.Equal(cluster.WebAddress, ssh.GetProperty("public_addr").GetString());
        Assert.Equal(cluster.SshProxyAddress, ssh.GetProperty("ssh_public_addr").GetString());
        Assert.Equal(cluster.TunnelAddress, ssh.GetProperty("ssh_tunnel_public_addr").GetString());
        Assert.Equal("0.1.0-dev", ping.GetProperty("server_version").GetString());
        Assert.Equal("0.1.0", ping.GetProperty("min_client_version").GetString());
    }

    [Fact]
    public async Task The_web_port_has_a_self_signed_certificate_kept_in_the_data_dir_with_a_private_key()
    {
        string key = Path.Combine(cluster.DataDir, "webproxy_key.pem");
        Assert.True(File.Exists(key));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        ProcessResult text = await ExternalProcess.RunAsync("openssl", ["x509", "-noout", "-text", "-in", cluster.WebCertificatePath]);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("DNS:localhost", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("IP Address:127.0.0.1", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"DNS:{ProxyCluster.NodeName}", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("prime256v1", text.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invitation_completed_through_the_web_api_lets_the_user_log_in_for_a_certificate_ssh_keygen_reads()
    {
        WebUser alice = await WebUser.CreateAndLoginAsync(cluster, "alice", "access", "root,alice");
        Assert.Equal("alice", alice.Login.GetProperty("username").GetString());
        Assert.Equal(ProxyCluster.Cluster, alice.Login.GetProperty("cluster_name").GetString());
        Assert.NotEmpty(alice.Login.GetProperty("tls_ca_certificates").EnumerateArray());
        ProcessResult listed = await ExternalProcess.RunAsync("ssh-keygen", ["-L", "-f", alice.CertificatePath]);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains("user certificate", listed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Key ID: \"alice\"", listed.StandardOutput, StringComparison.Ordinal);
        string principals = listed.StandardOutput[listed.StandardOutput.IndexOf("Principals:", StringComparison.Ordinal)..];
        Assert.Contains("root", principals, StringComparison.Ordinal);
        Assert.Contains("alice", principals, StringComparison.Ordinal);
        Assert.Equal("alice", alice.TlsCertificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
    }

    [Fact]
    public async Task A_wrong_password_or_code_is_refused_with_one_message_and_audited_with_the_users_address()
    {
        DateTimeOffset since = DateTimeOffset.UtcNow;
        (string password, string secret) = await cluster.CreateUserAsync("wendy", "access", "root");
        (HttpStatusCode status, string message) = await LoginAsync("wendy", "not her password", await ProxyCluster.NextCodeAsync(secret));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("invalid username, password or second factor code", message);

        (status, message) = await LoginAsync("wendy", password, "000000");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("invalid username, password or second factor code", message);

        using Teleport.Api.Client.AuthClient admin = cluster.Admin();
        JsonElement wrongCode = await WaitForEventAsync(admin, since, e => e.GetProperty("user").GetString() == "wendy" && e.Text("error")?.Contains("second factor", StringComparison.Ordinal) == true);
        Assert.Equal("T1000W", wrongCode.GetProperty("code").GetString());
        Assert.Equal("127.0.0.1", wrongCode.GetProperty("addr.remote").GetString());
        JsonElement wrongPassword = await WaitForEventAsync(admin, since, e => e.GetProperty("user").GetString() == "wendy" && e.Text("error")?.Contains("password", StringComparison.Ordinal) == true);
        Assert.Equal("T1000W", wrongPassword.GetProperty("code").GetString());
        Assert.False(wrongPassword.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Repeated_failures_lock_the_user_and_the_message_says_until_when()
    {
        (string password, string secret) = await cluster.CreateUserAsync("lars", "access", "root");
        for (int i = 0; i < 5; i++)
        {
            (HttpStatusCode failed, _) = await LoginAsync("lars", "wrong password " + i, "000000");
            Assert.Equal(HttpStatusCode.Forbidden, failed);
        }

        (HttpStatusCode status, string message) = await LoginAsync("lars", password, await ProxyCluster.NextCodeAsync(secret));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("locked until", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bursts_of_logins_from_one_address_are_rate_limited_then_allowed_again()
    {
        Task<(HttpStatusCode, string)>[] burst = [.. Enumerable.Range(0, 60).Select(i => LoginAsync("nobody-" + i, "password", "000000"))];
        (HttpStatusCode Status, string Message)[] answers = await Task.WhenAll(burst);
        Assert.Contains(answers, a => a.Status == HttpStatusCode.TooManyRequests);
        Assert.Contains("too many requests", answers.First(a => a.Status == HttpStatusCode.TooManyRequests).Message, StringComparison.Ordinal);
        Assert.Contains(answers, a => a.Status == HttpStatusCode.Forbidden);

        // The bucket refills: other tests of this class log in from the same address.
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await LoginAsync("nobody", "password", "000000")).Status == HttpStatusCode.TooManyRequests)
        {
            Assert.True(DateTime.UtcNow < deadline, "the login rate limit never lifted");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Unknown_and_malformed_calls_get_the_web_error_body()
    {
        using HttpResponseMessage unknown = await cluster.Web.GetAsync("/webapi/no/such/call");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no such web API call", await MessageAsync(unknown), StringComparison.Ordinal);

        using var malformed = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage bad = await cluster.Web.PostAsync("/webapi/ssh/certs", malformed);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("malformed", await MessageAsync(bad), StringComparison.Ordinal);

        using HttpResponseMessage badToken = await cluster.Web.GetAsync("/webapi/users/password/token/0123456789abcdef");
        Assert.Equal(HttpStatusCode.NotFound, badToken.StatusCode);
        Assert.False(string.IsNullOrEmpty(await MessageAsync(badToken)));
    }

    private async Task<(HttpStatusCode Status, string Message)> LoginAsync(string user, string password, string code)
    {
        using HttpResponseMessage reply = await cluster.Web.PostAsJsonAsync("/webapi/ssh/certs", new Dictionary<string, string>
        {
            ["user"] = user,
            ["password"] = password,
            ["otp_token"] = code,
            ["pub_key"] = PublicKey,
        });
        return (reply.StatusCode, await MessageAsync(reply));
    }

    private static string NewPublicKey()
    {
        using Teleport.Ssh.Keys.SshPrivateKey key = Teleport.Ssh.Keys.SshPrivateKey.Generate();
        return key.PublicKey.ToOpenSshString();
    }

    private static async Task<string> MessageAsync(HttpResponseMessage reply)
    {
        string body = await reply.Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString()!;
    }

    private static async Task<JsonElement> WaitForEventAsync(Teleport.Api.Client.AuthClient admin, DateTimeOffset since, Func<JsonElement, bool> match)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            IReadOnlyList<JsonElement> events = await admin.SearchEventsAsync(since.AddSeconds(-5), DateTimeOffset.UtcNow.AddMinutes(1), ["user.login"]);
            foreach (JsonElement found in events.Where(match))
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "no matching user.login event among: " + string.Join('\n', events.Select(e => e.GetRawText())));
            await Task.Delay(100);
        }
    }
}
