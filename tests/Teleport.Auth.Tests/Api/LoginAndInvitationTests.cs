using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Auth.Tests.Support;
using Teleport.Auth.Trust;
using Teleport.Ssh.Keys;

namespace Teleport.Auth.Tests.Api;

/// <summary>Invitations, logins with password and TOTP, certificates, lockout, through the real HTTPS API.</summary>
public sealed class LoginAndInvitationTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Ping_needs_no_credentials_and_gives_the_ca_pin()
    {
        using AuthClient anonymous = fixture.Anonymous();
        PingResponse ping = await anonymous.PingAsync();
        Assert.Equal(AuthFixture.ClusterName, ping.ClusterName);
        Assert.Equal(fixture.Auth.Authorities.Tls.Pin, ping.CaPin);
        Assert.Equal("otp", ping.SecondFactor);

        // A client that only knows the pin trusts the server too.
        using AuthClient pinned = await AuthClient.ConnectPinnedAsync(fixture.Address, [ping.CaPin]);
        Assert.Equal(AuthFixture.ClusterName, (await pinned.PingAsync()).ClusterName);
        var refused = await Assert.ThrowsAsync<AuthApiException>(() => AuthClient.ConnectPinnedAsync(fixture.Address, ["sha256:" + new string('0', 64)]));
        Assert.Contains("does not present the CA of ca_pin", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invited_user_logs_in_with_password_and_code_and_gets_certificates_for_their_logins()
    {
        byte[] secret = await fixture.CreateUserAsync("alice", Password, ["access"], ["root", "alice"]);
        (LoginResponseMessage login, AuthClient client, SshPrivateKey key) = await fixture.LoginAsync("alice", Password, secret);
        using (client)
        using (key)
        {
            var certificate = (SshCertificate)SshKeyFile.ParsePublicKey(login.SshCertificate);
            Assert.Equal("alice", certificate.KeyId);
            Assert.Equal(key.PublicKey, certificate.Key);
            Assert.Contains("root", certificate.Principals);
            Assert.Contains("alice", certificate.Principals);
            Assert.Equal(["access"], Teleport.Api.Identity.TeleportCertExtensions.ReadRoles(certificate));
            Assert.InRange((long)(certificate.ValidBefore - certificate.ValidAfter), 3600, 3600 + 120);

            using var tls = X509Certificate2.CreateFromPem(login.TlsCertificate);
            TlsIdentity identity = TlsIdentity.FromCertificate(tls)!;
            Assert.Equal("alice", identity.Name);
            Assert.Equal(["access"], identity.Roles);
            Assert.Equal(AuthFixture.ClusterName, identity.ClusterName);
        }

        IReadOnlyList<JsonElement> events = await fixture.Admin.SearchEventsAsync(DateTimeOffset.UtcNow.AddDays(-1), fixture.Clock.GetUtcNow().AddMinutes(1), ["user.login"]);
        JsonElement success = events.Last(e => e.GetProperty("user").GetString() == "alice");
        Assert.Equal("T1000I", success.GetProperty("code").GetString());
        Assert.Equal("local", success.GetProperty("method").GetString());
        Assert.Equal(AuthFixture.ClusterName, success.GetProperty("cluster_name").GetString());
        Assert.False(string.IsNullOrEmpty(success.GetProperty("uid").GetString()));
    }

    [Fact]
    public async Task An_invitation_works_once_and_refuses_short_passwords_and_wrong_codes()
    {
        InvitationMessage invitation = await fixture.Admin.CreateUserAsync(new CreateUserMessage("bob", ["access"], ["bob"]));
        Assert.StartsWith("https://proxy.example.com:3080/web/invite/", invitation.Url, StringComparison.Ordinal);
        using AuthClient anonymous = fixture.Anonymous();
        InviteResponseMessage invite = await anonymous.GetInviteAsync(invitation.Token);
        Assert.Equal("bob", invite.User);
        Assert.StartsWith("otpauth://totp/", invite.OtpAuthUri, StringComparison.Ordinal);
        Assert.Equal(0x89, Convert.FromBase64String(invite.QrCodePng)[0]);
        byte[] secret = Teleport.Auth.Identity.Base32.Decode(System.Web.HttpUtility.ParseQueryString(new Uri(invite.OtpAuthUri).Query)["secret"]!);

        var tooShort = await Assert.ThrowsAsync<AuthApiException>(() => anonymous.CompleteInviteAsync(invitation.Token, new CompleteInviteMessage("short", fixture.CurrentCode(secret))));
        Assert.Contains("at least 12 characters", tooShort.Message, StringComparison.Ordinal);
        var wrongCode = await Assert.ThrowsAsync<AuthApiException>(() => anonymous.CompleteInviteAsync(invitation.Token, new CompleteInviteMessage(Password, "000000")));
        Assert.Contains("second factor code is not valid", wrongCode.Message, StringComparison.Ordinal);

        await anonymous.CompleteInviteAsync(invitation.Token, new CompleteInviteMessage(Password, fixture.CurrentCode(secret)));
        var reused = await Assert.ThrowsAsync<AuthApiException>(() => anonymous.CompleteInviteAsync(invitation.Token, new CompleteInviteMessage(Password, fixture.CurrentCode(secret))));
        Assert.True(reused.IsNotFound, reused.Message);
    }

    [Fact]
    public async Task Wrong_password_wrong_code_and_a_reused_code_are_refused_with_clear_messages()
    {
        byte[] secret = await fixture.CreateUserAsync("carol", Password, ["access"], ["carol"]);
        using AuthClient anonymous = fixture.Anonymous();
        using SshPrivateKey key = SshPrivateKey.Generate();
        string publicKey = key.PublicKey.ToOpenSshString();

        var wrongPassword = await Assert.ThrowsAsync<AuthApiException>(() => anonymous.LoginAsync("carol", new LoginRequestMessage("wrong password!", fixture.CurrentCode(secret), publicKey, null, null)));
        Assert.True(wrongPassword.IsAccessDenied);
        Assert.Contains("invalid username or password", wrongPassword.Message, StringComparison.Ordinal);

        var wrongCode = await Assert.ThrowsAsync<AuthApiException>(() => anonymous.LoginAsync("carol", new LoginRequestMessage(Password, "123456", publicKey, null, null)));
        Assert.Contains("invalid second factor code", wrongCode.Message, StringComparison.Ordinal);

        string code = fixture.CurrentCode(secret);
        await anonymous.LoginAsync("carol", new LoginRequestMessage(Password, code, publicKey, null, null));
        var reused = await Assert.ThrowsAsync<AuthApiException>(() => anonymous.LoginAsync("carol", new LoginRequestMessage(Password, code, publicKey, null, null)));
        Assert.Contains("already used", reused.Message, StringComparison.Ordinal);

        IReadOnlyList<JsonElement> failures = await fixture.Admin.SearchEventsAsync(DateTimeOffset.UtcNow.AddDays(-1), fixture.Clock.GetUtcNow().AddMinutes(1), ["user.login"]);
        Assert.Contains(failures, e => e.GetProperty("user").GetString() == "carol" && e.GetProperty("code").GetString() == "T1000W"
            && e.GetProperty("error").GetString()!.Contains("invalid second factor code", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Five_failures_lock_the_user_for_thirty_minutes()
    {
        byte[] secret = await fixture.CreateUserAsync("dave", Password, ["access"], ["dave"]);
        using AuthClient anonymous = fixture.Anonymous();
        using SshPrivateKey key = SshPrivateKey.Generate();
        string publicKey = key.PublicKey.ToOpenSshString();
        for (int i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<AuthApiException>(() => anonymous.LoginAsync("dave", new LoginRequestMessage("not the password", fixture.CurrentCode(secret), publicKey, null, null)));
        }

        var locked = await Assert.ThrowsAsync<AuthApiException>(() => anonymous.LoginAsync("dave", new LoginRequestMessage(Password, fixture.CurrentCode(secret), publicKey, null, null)));
        Assert.Contains("is locked until", locked.Message, StringComparison.Ordinal);

        fixture.Clock.Advance(TimeSpan.FromMinutes(31));
        LoginResponseMessage login = await anonymous.LoginAsync("dave", new LoginRequestMessage(Password, fixture.CurrentCode(secret), publicKey, null, null));
        Assert.Equal("dave", login.Username);
    }

    [Fact]
    public async Task A_certificate_ttl_is_capped_by_the_roles_max_session_ttl()
    {
        var role = Teleport.Api.Serialization.ResourceYaml.Read<Teleport.Api.Types.Role>("""
            kind: role
            version: v7
            metadata:
              name: short-sessions
            spec:
              options:
                max_session_ttl: 2h
              allow:
                logins: ['{{internal.logins}}']
                node_labels:
                  '*': '*'
            """);
        await fixture.Admin.CreateResourceAsync(role, force: false);
        byte[] secret = await fixture.CreateUserAsync("erin", Password, ["short-sessions"], ["erin"]);
        using AuthClient anonymous = fixture.Anonymous();
        using SshPrivateKey key = SshPrivateKey.Generate();
        LoginResponseMessage login = await anonymous.LoginAsync("erin", new LoginRequestMessage(Password, fixture.CurrentCode(secret), key.PublicKey.ToOpenSshString(), null, "24h"));
        var certificate = (SshCertificate)SshKeyFile.ParsePublicKey(login.SshCertificate);
        Assert.InRange((long)(certificate.ValidBefore - certificate.ValidAfter), 2 * 3600, 2 * 3600 + 120);
        Assert.Equal(["erin"], certificate.Principals);
    }
}
