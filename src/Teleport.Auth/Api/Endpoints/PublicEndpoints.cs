using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Teleport.Api.Client.Messages;
using Teleport.Api.Types;
using Teleport.Auth.Identity;
using Teleport.Auth.Provisioning;
using Teleport.Auth.Trust;
using Teleport.Ssh.Keys;

namespace Teleport.Auth.Api.Endpoints;

/// <summary>The calls that need no certificate: ping, joining with a token, logging in, completing an invitation. All rate limited.</summary>
internal static class PublicEndpoints
{
    public const string RateLimitPolicy = "public";

    public static void Map(ApiRouter router)
    {
        AuthServer auth = router.Auth;
        router.Map("GET", "/v1/ping", ApiPermission.Public, (context, _) =>
            context.WriteJsonAsync(new PingResponse(auth.Name, Version.Current, auth.Authorities.Tls.Pin, auth.Options.SecondFactor, [auth.Authorities.Tls.CertificatePem], auth.Options.SessionRecording), MessagesJsonContext.Default.PingResponse));

        router.Map("POST", "/v1/join", ApiPermission.Public, async (context, caller) =>
        {
            JoinRequestMessage message = await context.ReadJsonAsync(MessagesJsonContext.Default.JoinRequestMessage).ConfigureAwait(false);
            var request = new JoinRequest(
                message.Token,
                message.Role,
                message.HostId,
                message.NodeName,
                SshKeyFile.ParsePublicKey(message.SshPublicKey),
                TlsPublicKey(message.TlsPublicKey),
                message.DnsNames ?? []);
            IssuedHostCertificates issued = await auth.Provisioning.JoinAsync(request, caller.RemoteAddress?.ToString(), context.RequestAborted).ConfigureAwait(false);
            await context.WriteJsonAsync(
                new JoinResponseMessage(
                    issued.HostId,
                    issued.Ssh.ToOpenSshString(),
                    issued.Tls.ExportCertificatePem(),
                    [issued.TlsCaPem],
                    [issued.HostCa.ToOpenSshString()],
                    [issued.UserCa.ToOpenSshString()]),
                MessagesJsonContext.Default.JoinResponseMessage).ConfigureAwait(false);
        }).RequireRateLimiting(RateLimitPolicy);

        router.Map("POST", "/v1/users/{name}/ssh/authenticate", ApiPermission.Public, async (context, caller) =>
        {
            string name = ApiRouter.Route(context, "name");
            LoginRequestMessage message = await context.ReadJsonAsync(MessagesJsonContext.Default.LoginRequestMessage).ConfigureAwait(false);
            SshPublicKey sshKey = SshKeyFile.ParsePublicKey(message.SshPublicKey);
            PublicKey? tlsKey = message.TlsPublicKey is null ? null : TlsPublicKey(message.TlsPublicKey);
            User user = await auth.Logins.LoginAsync(name, message.Password, message.OtpCode, caller.RemoteAddress?.ToString(), context.RequestAborted).ConfigureAwait(false);
            IssuedUserCertificates issued = await auth.Certificates.IssueUserAsync(user, sshKey, tlsKey, RequestContext.ParseTtl(message.Ttl), name, context.RequestAborted).ConfigureAwait(false);
            await context.WriteJsonAsync(
                new LoginResponseMessage(name, issued.Ssh.ToOpenSshString(), issued.Tls?.ExportCertificatePem(), [issued.HostCa.ToOpenSshString()], [issued.TlsCaPem]),
                MessagesJsonContext.Default.LoginResponseMessage).ConfigureAwait(false);
        }).RequireRateLimiting(RateLimitPolicy);

        router.Map("GET", "/v1/invites/{token}", ApiPermission.Public, async (context, _) =>
        {
            InvitationView view = await auth.Invitations.GetAsync(ApiRouter.Route(context, "token"), context.RequestAborted).ConfigureAwait(false);
            await context.WriteJsonAsync(new InviteResponseMessage(view.UserName, view.Expires, view.OtpAuthUri, Convert.ToBase64String(view.QrCodePng)), MessagesJsonContext.Default.InviteResponseMessage).ConfigureAwait(false);
        }).RequireRateLimiting(RateLimitPolicy);

        router.Map("POST", "/v1/invites/{token}", ApiPermission.Public, async (context, _) =>
        {
            CompleteInviteMessage message = await context.ReadJsonAsync(MessagesJsonContext.Default.CompleteInviteMessage).ConfigureAwait(false);
            await auth.Invitations.CompleteAsync(ApiRouter.Route(context, "token"), message.Password, message.OtpCode, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }).RequireRateLimiting(RateLimitPolicy);
    }

    /// <summary>A TLS public key sent as base64 SubjectPublicKeyInfo.</summary>
    internal static PublicKey TlsPublicKey(string base64)
    {
        try
        {
            return PublicKey.CreateFromSubjectPublicKeyInfo(Convert.FromBase64String(base64), out _);
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw AuthException.BadParameter("tls_public_key must be a base64 SubjectPublicKeyInfo");
        }
    }
}
