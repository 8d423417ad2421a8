using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Api.Serialization;
using Teleport.Api.Types;
using Teleport.Auth.Tests.Support;
using Teleport.Auth.Trust;
using Teleport.Ssh.Keys;

namespace Teleport.Auth.Tests.Api;

/// <summary>Joining, presence, refused credentials, RBAC on API calls, events and recordings.</summary>
public sealed class ClusterApiTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task A_node_joins_with_the_static_token_and_gets_teleport_host_certificates()
    {
        (JoinResponseMessage joined, _) = await JoinAsync(AuthFixture.StaticToken, "web1");
        Assert.True(Guid.TryParse(joined.HostId, out _));
        var certificate = (SshCertificate)SshKeyFile.ParsePublicKey(joined.SshCertificate);
        Assert.Equal(SshCertificateType.Host, certificate.Type);
        Assert.Equal([$"{joined.HostId}.{AuthFixture.ClusterName}", joined.HostId, $"web1.{AuthFixture.ClusterName}", "web1"], certificate.Principals);
        Assert.Equal("Node", certificate.Extensions["x-teleport-role"]);
        Assert.Equal(fixture.Auth.Authorities.UserCa.PublicKey.ToOpenSshString(), joined.SshUserCaKeys.Single());
        using var tls = X509Certificate2.CreateFromPem(joined.TlsCertificate);
        Assert.Equal("Node", TlsIdentity.FromCertificate(tls)!.SystemRole);
    }

    [Fact]
    public async Task A_dynamic_token_works_until_it_expires_and_bad_tokens_are_audited()
    {
        ProvisionToken token = await fixture.Admin.CreateTokenAsync(new CreateTokenMessage(["node"], "5m", null));
        Assert.Equal(["Node"], [.. token.Spec.Roles]);
        await JoinAsync(token.Metadata.Name, "dyn1");
        var proxy = await Assert.ThrowsAsync<AuthApiException>(() => JoinAsync(token.Metadata.Name, "dyn1", role: "Proxy"));
        Assert.Contains("does not allow joining as Proxy", proxy.Message, StringComparison.Ordinal);

        fixture.Clock.Advance(TimeSpan.FromMinutes(6));
        var expired = await Assert.ThrowsAsync<AuthApiException>(() => JoinAsync(token.Metadata.Name, "dyn2"));
        Assert.True(expired.IsAccessDenied);
        Assert.Contains("tctl tokens add", expired.Message, StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<AuthApiException>(() => JoinAsync("no-such-token", "dyn3"));
        Assert.True(unknown.IsAccessDenied);
        IReadOnlyList<JsonElement> events = await fixture.Admin.SearchEventsAsync(DateTimeOffset.UtcNow.AddDays(-1), fixture.Clock.GetUtcNow().AddMinutes(1), ["instance.join"]);
        Assert.Contains(events, e => e.GetProperty("code").GetString() == "TJ002E" && e.GetProperty("node_name").GetString() == "dyn3");
        Assert.Contains(events, e => e.GetProperty("code").GetString() == "TJ002I" && e.GetProperty("node_name").GetString() == "dyn1");
    }

    [Fact]
    public async Task A_node_heartbeats_for_itself_only_and_its_entry_expires()
    {
        (JoinResponseMessage joined, AuthClient node) = await JoinAsync(AuthFixture.StaticToken, "hb1");
        using (node)
        {
            var self = new Server { Metadata = new Metadata { Name = joined.HostId, Labels = ValueMap.From([new KeyValuePair<string, string>("env", "prod")]) }, Spec = new ServerSpec { Hostname = "hb1", Addr = "10.0.0.1:3022" } };
            await node.HeartbeatAsync(self, TimeSpan.FromMinutes(1));
            Assert.Contains(await fixture.Admin.GetResourcesAsync("node"), r => r.Metadata.Name == joined.HostId);

            var other = self with { Metadata = self.Metadata with { Name = Guid.NewGuid().ToString() } };
            var refused = await Assert.ThrowsAsync<AuthApiException>(() => node.HeartbeatAsync(other, TimeSpan.FromMinutes(1)));
            Assert.True(refused.IsAccessDenied);

            fixture.Clock.Advance(TimeSpan.FromMinutes(2));
            Assert.DoesNotContain(await fixture.Admin.GetResourcesAsync("node"), r => r.Metadata.Name == joined.HostId);
        }
    }

    [Fact]
    public async Task The_api_refuses_no_certificate_a_foreign_certificate_an_expired_one_and_a_user_without_the_rule()
    {
        using (AuthClient anonymous = fixture.Anonymous())
        {
            var noCertificate = await Assert.ThrowsAsync<AuthApiException>(() => anonymous.GetResourcesAsync("user"));
            Assert.True(noCertificate.IsAccessDenied);
            Assert.Contains("client certificate", noCertificate.Message, StringComparison.Ordinal);
        }

        using (var foreign = TlsCertificateAuthority.Create(AuthFixture.ClusterName, DateTimeOffset.UtcNow))
        using (AuthClient client = fixture.As(Issue(foreign, new TlsIdentity("admin", ["Admin"], AuthFixture.ClusterName, "Admin"), DateTimeOffset.UtcNow.AddHours(1))))
        {
            var refused = await Assert.ThrowsAsync<AuthApiException>(() => client.GetResourcesAsync("user"));
            Assert.Contains("TLS handshake", refused.Message, StringComparison.Ordinal);
        }

        using (AuthClient client = fixture.As(Issue(fixture.Auth.Authorities.Tls, new TlsIdentity("admin", ["Admin"], AuthFixture.ClusterName, "Admin"), DateTimeOffset.UtcNow.AddMinutes(-1))))
        {
            var expired = await Assert.ThrowsAsync<AuthApiException>(() => client.GetResourcesAsync("user"));
            Assert.Contains("TLS handshake", expired.Message, StringComparison.Ordinal);
        }

        byte[] secret = await fixture.CreateUserAsync("mallory", Password, ["access"], ["mallory"]);
        (_, AuthClient user, SshPrivateKey key) = await fixture.LoginAsync("mallory", Password, secret);
        using (user)
        using (key)
        {
            var denied = await Assert.ThrowsAsync<AuthApiException>(() => user.GetResourcesAsync("user"));
            Assert.True(denied.IsAccessDenied);
            Assert.Contains("list user", denied.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<AuthApiException>(() => user.CreateTokenAsync(new CreateTokenMessage(["node"], null, null)));
        }
    }

    [Fact]
    public async Task An_editor_manages_users_and_roles_and_an_auditor_reads_events()
    {
        byte[] editorSecret = await fixture.CreateUserAsync("erika", Password, ["editor"], []);
        (_, AuthClient editor, SshPrivateKey editorKey) = await fixture.LoginAsync("erika", Password, editorSecret);
        using (editor)
        using (editorKey)
        {
            InvitationMessage invitation = await editor.CreateUserAsync(new CreateUserMessage("newbie", ["access"], ["newbie"]));
            Assert.Equal("newbie", invitation.User);
            User updated = await editor.UpdateUserAsync("newbie", new UpdateUserMessage(["access", "auditor"], ["ubuntu"]));
            Assert.Equal(["access", "auditor"], [.. updated.Spec.Roles]);
            Assert.Equal(["ubuntu"], [.. updated.Spec.Traits["logins"]]);
            await editor.DeleteResourceAsync("user", "newbie");
            var gone = await Assert.ThrowsAsync<AuthApiException>(() => editor.GetResourceAsync("user", "newbie"));
            Assert.True(gone.IsNotFound);
        }

        byte[] auditorSecret = await fixture.CreateUserAsync("audrey", Password, ["auditor"], []);
        (_, AuthClient auditor, SshPrivateKey auditorKey) = await fixture.LoginAsync("audrey", Password, auditorSecret);
        using (auditor)
        using (auditorKey)
        {
            IReadOnlyList<JsonElement> events = await auditor.SearchEventsAsync(DateTimeOffset.UtcNow.AddDays(-1), fixture.Clock.GetUtcNow().AddMinutes(1), ["user.create", "user.update", "user.delete"]);
            Assert.Contains(events, e => e.GetProperty("event").GetString() == "user.delete" && e.GetProperty("name").GetString() == "newbie" && e.GetProperty("user").GetString() == "erika");
            await Assert.ThrowsAsync<AuthApiException>(() => auditor.CreateUserAsync(new CreateUserMessage("sneaky", ["editor"], null)));
        }
    }

    [Fact]
    public async Task Users_see_only_the_nodes_their_roles_reach()
    {
        (JoinResponseMessage prodJoin, AuthClient prod) = await JoinAsync(AuthFixture.StaticToken, "prod1");
        (JoinResponseMessage devJoin, AuthClient dev) = await JoinAsync(AuthFixture.StaticToken, "dev1");
        using (prod)
        using (dev)
        {
            await prod.HeartbeatAsync(Node(prodJoin.HostId, "prod1", "prod"), TimeSpan.FromMinutes(10));
            await dev.HeartbeatAsync(Node(devJoin.HostId, "dev1", "dev"), TimeSpan.FromMinutes(10));
        }

        var devOnly = ResourceYaml.Read<Role>("""
            kind: role
            version: v7
            metadata:
              name: dev-only
            spec:
              allow:
                logins: [ubuntu]
                node_labels:
                  env: dev
            """);
        await fixture.Admin.CreateResourceAsync(devOnly, force: true);
        byte[] secret = await fixture.CreateUserAsync("devon", Password, ["dev-only"], []);
        (_, AuthClient user, SshPrivateKey key) = await fixture.LoginAsync("devon", Password, secret);
        using (user)
        using (key)
        {
            IReadOnlyList<IResource> visible = await user.GetResourcesAsync("node");
            Assert.Contains(visible, n => n.Metadata.Name == devJoin.HostId);
            Assert.DoesNotContain(visible, n => n.Metadata.Name == prodJoin.HostId);
        }
    }

    [Fact]
    public async Task A_node_uploads_a_recording_and_an_auditor_reads_it_back()
    {
        (_, AuthClient node) = await JoinAsync(AuthFixture.StaticToken, "rec1");
        string sessionId = Guid.NewGuid().ToString();
        byte[] recording = RandomNumberGenerator.GetBytes(100_000);
        using (node)
        {
            await node.UploadRecordingAsync(sessionId, new MemoryStream(recording));
            await node.EmitEventAsync(JsonDocument.Parse($$"""{"event":"session.end","code":"T2004I","sid":"{{sessionId}}","user":"alice"}""").RootElement);
            await Assert.ThrowsAsync<AuthApiException>(() => node.UploadRecordingAsync("../../etc/passwd", new MemoryStream([1])));
        }

        Assert.Equal(recording, await fixture.Admin.GetRecordingAsync(sessionId));
        IReadOnlyList<JsonElement> ends = await fixture.Admin.SearchEventsAsync(DateTimeOffset.UtcNow.AddDays(-1), fixture.Clock.GetUtcNow().AddMinutes(1), ["session.end"]);
        JsonElement end = ends.Single(e => e.GetProperty("sid").GetString() == sessionId);
        // The emitter's host id, stamped by Auth (Teleport's server_id is the uuid, without the cluster).
        string serverId = end.GetProperty("server_id").GetString()!;
        Assert.True(Guid.TryParse(serverId, out _), serverId);
    }

    [Fact]
    public async Task A_node_renews_its_certificates_for_the_same_key_and_names_but_not_with_another_hosts_certificate()
    {
        (JoinResponseMessage joined, AuthClient node) = await JoinAsync(AuthFixture.StaticToken, "renew1");
        (JoinResponseMessage other, AuthClient otherNode) = await JoinAsync(AuthFixture.StaticToken, "renew2");
        using (node)
        using (otherNode)
        {
            SshCertificate current = SshKeyFile.ParseCertificate(joined.SshCertificate);
            string tlsKey = Convert.ToBase64String(X509Certificate2.CreateFromPem(joined.TlsCertificate).PublicKey.ExportSubjectPublicKeyInfo());
            CertificatesMessage renewed = await node.RenewHostAsync(new RenewHostMessage(joined.SshCertificate, tlsKey));

            SshCertificate fresh = SshKeyFile.ParseCertificate(renewed.SshCertificate);
            Assert.Equal(current.Key, fresh.Key);
            Assert.Equal(current.KeyId, fresh.KeyId);
            Assert.Equal(current.Principals.Order(StringComparer.Ordinal), fresh.Principals.Order(StringComparer.Ordinal));
            Assert.NotEqual(current.Serial, fresh.Serial);
            Assert.True(fresh.HasValidSignature());
            Assert.Contains(joined.HostId, X509Certificate2.CreateFromPem(renewed.TlsCertificate!).Subject, StringComparison.Ordinal);

            // A host cannot renew into another host's identity, nor renew without being one.
            AuthApiException stolen = await Assert.ThrowsAsync<AuthApiException>(() => node.RenewHostAsync(new RenewHostMessage(other.SshCertificate, tlsKey)));
            Assert.True(stolen.IsAccessDenied, stolen.Message);
            using AuthClient anonymous = fixture.Anonymous();
            await Assert.ThrowsAsync<AuthApiException>(() => anonymous.RenewHostAsync(new RenewHostMessage(joined.SshCertificate, tlsKey)));
        }
    }

    [Fact]
    public async Task Malformed_resource_yaml_is_refused_naming_the_field()
    {
        var error = Assert.Throws<ResourceValidationException>(() => ResourceYaml.Read("""
            kind: role
            version: v7
            metadata:
              name: broken
            spec:
              options:
                max_session_ttl: "8 hours"
            """));
        Assert.Contains("max_session_ttl", error.Message, StringComparison.Ordinal);
        Assert.Equal(7, error.Line);
    }

    private static Server Node(string hostId, string hostname, string env) => new()
    {
        Metadata = new Metadata { Name = hostId, Labels = ValueMap.From([new KeyValuePair<string, string>("env", env)]) },
        Spec = new ServerSpec { Hostname = hostname, Addr = "127.0.0.1:3022" },
    };

    private async Task<(JoinResponseMessage Joined, AuthClient Client)> JoinAsync(string token, string nodeName, string role = "Node")
    {
        using SshPrivateKey sshKey = SshPrivateKey.Generate();
        var tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using AuthClient anonymous = fixture.Anonymous();
        JoinResponseMessage joined = await anonymous.JoinAsync(new JoinRequestMessage(
            token, role, null, nodeName, sshKey.PublicKey.ToOpenSshString(), Convert.ToBase64String(tlsKey.ExportSubjectPublicKeyInfo()), [nodeName]));
        using var pem = X509Certificate2.CreateFromPem(joined.TlsCertificate);
        using X509Certificate2 withKey = pem.CopyWithPrivateKey(tlsKey);
        return (joined, fixture.As(X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null)));
    }

    private static X509Certificate2 Issue(TlsCertificateAuthority authority, TlsIdentity identity, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 issued = authority.Issue(identity, new PublicKey(key), notAfter.AddHours(-2), notAfter);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
