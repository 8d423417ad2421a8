using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.IntegrationTests.Support;
using Teleport.Ssh.Keys;

namespace Teleport.IntegrationTests.Auth;

/// <summary>Invitations and logins against the real process, with codes from oathtool as an authenticator app would show them.</summary>
public sealed partial class LoginTests(AuthProcess auth) : IClassFixture<AuthProcess>
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task Oathtool_codes_complete_the_invitation_and_log_in_and_reused_or_wrong_codes_do_not()
    {
        string secret = await InviteAsync("olga");
        using AuthClient anonymous = auth.Anonymous();
        using SshPrivateKey key = SshPrivateKey.Generate();
        DateTimeOffset next = DateTimeOffset.UtcNow.AddSeconds(30);
        string code = await Oathtool.CodeAsync(secret, next);

        LoginResponseMessage login = await anonymous.LoginAsync("olga", new LoginRequestMessage(Password, code, key.PublicKey.ToOpenSshString(), null, "8h"));
        var certificate = (SshCertificate)SshKeyFile.ParsePublicKey(login.SshCertificate);
        Assert.Equal("olga", certificate.KeyId);
        Assert.Contains("olga", certificate.Principals);

        var reused = await Assert.ThrowsAsync<AuthApiException>(() => anonymous.LoginAsync("olga", new LoginRequestMessage(Password, code, key.PublicKey.ToOpenSshString(), null, null)));
        Assert.Contains("already used", reused.Message, StringComparison.Ordinal);
        string wrong = (int.Parse(await Oathtool.CodeAsync(secret, next.AddSeconds(30)), System.Globalization.CultureInfo.InvariantCulture) + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)[^6..];
        var refused = await Assert.ThrowsAsync<AuthApiException>(() => anonymous.LoginAsync("olga", new LoginRequestMessage(Password, wrong, key.PublicKey.ToOpenSshString(), null, null)));
        Assert.Contains("second factor", refused.Message, StringComparison.Ordinal);

        using AuthClient admin = auth.Admin();
        IReadOnlyList<JsonElement> events = await admin.SearchEventsAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), ["user.login"]);
        Assert.Contains(events, e => e.GetProperty("user").GetString() == "olga" && e.GetProperty("success").GetBoolean());
        Assert.Contains(events, e => e.GetProperty("user").GetString() == "olga" && !e.GetProperty("success").GetBoolean() && e.GetProperty("method").GetString() == "local");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        string secret = await InviteAsync("lena");
        using AuthClient anonymous = auth.Anonymous();
        using SshPrivateKey key = SshPrivateKey.Generate();
        for (int i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<AuthApiException>(() => anonymous.LoginAsync("lena", new LoginRequestMessage("not her password", "000000", key.PublicKey.ToOpenSshString(), null, null)));
        }

        string code = await Oathtool.CodeAsync(secret, DateTimeOffset.UtcNow.AddSeconds(30));
        var locked = await Assert.ThrowsAsync<AuthApiException>(() => anonymous.LoginAsync("lena", new LoginRequestMessage(Password, code, key.PublicKey.ToOpenSshString(), null, null)));
        Assert.Contains("locked", locked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_join_token_stops_working_when_it_expires()
    {
        ProcessResult added = await auth.TctlAsync("tokens", "add", "--type=node", "--ttl=3s");
        string token = InviteToken().Match(added.StandardOutput).Groups[1].Value;
        using AuthClient anonymous = auth.Anonymous();
        await anonymous.JoinAsync(Join(token));
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        AuthApiException? refused = null;
        while (refused is null && DateTime.UtcNow < deadline)
        {
            try
            {
                await anonymous.JoinAsync(Join(token));
                await Task.Delay(200);
            }
            catch (AuthApiException e)
            {
                refused = e;
            }
        }

        Assert.NotNull(refused);
        Assert.True(refused.IsAccessDenied, refused.Message);
        Assert.Contains("expired", refused.Message, StringComparison.Ordinal);
    }

    private static JoinRequestMessage Join(string token)
    {
        using SshPrivateKey key = SshPrivateKey.Generate();
        using var tls = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new JoinRequestMessage(token, "Node", null, "expiring", key.PublicKey.ToOpenSshString(), Convert.ToBase64String(tls.ExportSubjectPublicKeyInfo()), null);
    }

    /// <summary>tctl users add, then the invitation completed with a code from oathtool; returns the base32 secret.</summary>
    private async Task<string> InviteAsync(string name)
    {
        ProcessResult added = await auth.TctlAsync("users", "add", name, "--roles=access", $"--logins={name}");
        Assert.True(added.ExitCode == 0, added.ToString());
        string token = InviteUrl().Match(added.StandardOutput).Groups[1].Value;
        using AuthClient anonymous = auth.Anonymous();
        InviteResponseMessage invite = await anonymous.GetInviteAsync(token);
        string secret = SecretParameter().Match(invite.OtpAuthUri).Groups[1].Value;
        await anonymous.CompleteInviteAsync(token, new CompleteInviteMessage(Password, await Oathtool.CodeAsync(secret)));
        return secret;
    }

    [GeneratedRegex(@"/web/invite/([0-9a-f]{32})")]
    private static partial Regex InviteUrl();

    [GeneratedRegex(@"secret=([A-Z2-7]+)")]
    private static partial Regex SecretParameter();

    [GeneratedRegex(@"The invite token: ([0-9a-f]{32})")]
    private static partial Regex InviteToken();
}
