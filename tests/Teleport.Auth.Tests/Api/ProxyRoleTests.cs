using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Api.Types;
using Teleport.Auth.Api;
using Teleport.Auth.Tests.Support;
using Teleport.Ssh.Keys;

namespace Teleport.Auth.Tests.Api;

/// <summary>
/// What a proxy's certificate may do on the Auth API (read nodes unfiltered, roles and CAs; nothing
/// else), and the user's address it forwards: believed from a proxy only, for limits and audit.
/// </summary>
public sealed class ProxyRoleTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task A_proxy_reads_all_nodes_roles_and_authorities()
    {
        using AuthClient proxy = await JoinProxyAsync("proxy-reads");
        var node = new Server { Metadata = new Metadata { Name = Guid.NewGuid().ToString(), Labels = ValueMap.From([KeyValuePair.Create("env", "secret")]) }, Spec = new ServerSpec { Hostname = "hidden", Addr = "10.0.0.9:3022" } };
        await fixture.Auth.Presence.HeartbeatAsync(node, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Contains(await proxy.GetResourcesAsync(ResourceKinds.Node), r => r.Metadata.Name == node.Metadata.Name);
        Assert.Contains(await proxy.GetResourcesAsync(ResourceKinds.Role), r => r.Metadata.Name == "access");
        Assert.NotEmpty((await proxy.GetAuthorityAsync(CertAuthTypes.User)).Spec.ActiveKeys.Ssh);
        Assert.NotEmpty((await proxy.GetAuthorityAsync(CertAuthTypes.Host)).Spec.ActiveKeys.Ssh);
    }

    [Fact]
    public async Task A_proxy_may_not_read_users_change_resources_make_tokens_or_sign_certificates()
    {
        using AuthClient proxy = await JoinProxyAsync("proxy-denied");
        Assert.True((await Assert.ThrowsAsync<AuthApiException>(() => proxy.GetResourcesAsync(ResourceKinds.User))).IsAccessDenied);
        Assert.True((await Assert.ThrowsAsync<AuthApiException>(() => proxy.GetResourceAsync(ResourceKinds.User, "admin"))).IsAccessDenied);
        Assert.True((await Assert.ThrowsAsync<AuthApiException>(() => proxy.GetResourcesAsync(ResourceKinds.Token))).IsAccessDenied);
        var role = (Role)(await fixture.Admin.GetResourceAsync(ResourceKinds.Role, "access"));
        Assert.True((await Assert.ThrowsAsync<AuthApiException>(() => proxy.CreateResourceAsync(role with { Metadata = role.Metadata with { Name = "proxy-made" } }, force: false))).IsAccessDenied);
        Assert.True((await Assert.ThrowsAsync<AuthApiException>(() => proxy.DeleteResourceAsync(ResourceKinds.Role, "access"))).IsAccessDenied);
        Assert.True((await Assert.ThrowsAsync<AuthApiException>(() => proxy.CreateTokenAsync(new CreateTokenMessage(["node"], "5m", null)))).IsAccessDenied);
        using SshPrivateKey key = SshPrivateKey.Generate();
        Assert.True((await Assert.ThrowsAsync<AuthApiException>(() => proxy.SignUserAsync(new SignUserMessage("admin", key.PublicKey.ToOpenSshString(), null, "1h")))).IsAccessDenied);
        Assert.True((await Assert.ThrowsAsync<AuthApiException>(() => proxy.CreateUserAsync(new CreateUserMessage("mallory", ["editor"], null)))).IsAccessDenied);
    }

    [Fact]
    public async Task The_user_login_event_has_the_address_a_proxy_forwards_and_not_one_anyone_else_claims()
    {
        await fixture.CreateUserAsync("forwarded", Password, ["access"], ["root"]);
        using AuthClient proxy = await JoinProxyAsync("proxy-forwards");
        using AuthClient anonymous = fixture.Anonymous();
        using SshPrivateKey key = SshPrivateKey.Generate();
        var wrong = new LoginRequestMessage("wrong password", "000000", key.PublicKey.ToOpenSshString(), null, null);
        await Assert.ThrowsAsync<AuthApiException>(() => proxy.LoginAsync("forwarded", wrong, "203.0.113.7"));
        await Assert.ThrowsAsync<AuthApiException>(() => anonymous.LoginAsync("forwarded", wrong, "198.51.100.9"));

        IReadOnlyList<JsonElement> events = await fixture.Admin.SearchEventsAsync(DateTimeOffset.UtcNow.AddDays(-1), fixture.Clock.GetUtcNow().AddMinutes(1), ["user.login"]);
        string?[] addresses = [.. events.Where(e => e.GetProperty("user").GetString() == "forwarded").Select(e => e.GetProperty("addr.remote").GetString())];
        Assert.Contains("203.0.113.7", addresses);
        Assert.DoesNotContain("198.51.100.9", addresses);
        Assert.Contains("127.0.0.1", addresses);
    }

    [Fact]
    public async Task The_public_rate_limit_counts_each_forwarded_user_on_its_own()
    {
        // The fixture's API allows 1000 per second; this one the default-like few, to see the limit bite.
        await using AuthApiServer limited = await AuthApiServer.StartAsync(fixture.Auth, new AuthApiOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0), PublicRequestsPerSecond = 1 });
        using X509Certificate2 certificate = await JoinProxyCertificateAsync("proxy-limits");
        using var proxy = new AuthClient($"127.0.0.1:{limited.LocalEndPoint.Port}", AuthServerTrust.FromAuthorities(fixture.Authorities), certificate);

        // One address behind the proxy exceeds the burst...
        HttpStatusCode[] same = await Task.WhenAll(Enumerable.Range(0, 120).Select(_ => InviteStatusAsync(proxy, "192.0.2.1")));
        Assert.Contains(HttpStatusCode.TooManyRequests, same);

        // ...while as many requests from as many users behind the same proxy do not.
        HttpStatusCode[] distinct = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => InviteStatusAsync(proxy, $"192.0.2.{i + 10}")));
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, distinct);
        Assert.All(distinct, status => Assert.Equal(HttpStatusCode.NotFound, status));
    }

    private static async Task<HttpStatusCode> InviteStatusAsync(AuthClient proxy, string address)
    {
        try
        {
            await proxy.GetInviteAsync("0123456789abcdef0123456789abcdef", address);
            return HttpStatusCode.OK;
        }
        catch (AuthApiException e)
        {
            return e.Status;
        }
    }

    private async Task<AuthClient> JoinProxyAsync(string name) => fixture.As(await JoinProxyCertificateAsync(name));

    private async Task<X509Certificate2> JoinProxyCertificateAsync(string name)
    {
        ProvisionToken token = await fixture.Admin.CreateTokenAsync(new CreateTokenMessage(["proxy"], "5m", null));
        using SshPrivateKey sshKey = SshPrivateKey.Generate();
        using var tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using AuthClient anonymous = fixture.Anonymous();
        JoinResponseMessage joined = await anonymous.JoinAsync(new JoinRequestMessage(
            token.Metadata.Name, SystemRoles.Proxy, null, name, sshKey.PublicKey.ToOpenSshString(), Convert.ToBase64String(tlsKey.ExportSubjectPublicKeyInfo()), [name]));
        using var pem = X509Certificate2.CreateFromPem(joined.TlsCertificate);
        using X509Certificate2 withKey = pem.CopyWithPrivateKey(tlsKey);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
