using Microsoft.AspNetCore.Builder;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Proxy.Web.Messages;

namespace Teleport.Proxy.Web.Endpoints;

/// <summary>
/// POST /webapi/ssh/certs: a local login (password and second factor) forwarded to Auth with the
/// user's address; Auth checks, audits (user.login) and signs. Rate limited per client address.
/// </summary>
internal static class LoginEndpoint
{
    /// <summary>One message for a wrong user, password or code, so a failure does not tell which was right.</summary>
    public const string InvalidCredentials = "invalid username, password or second factor code";

    public static void Map(WebRouter router)
    {
        WebContext web = router.Web;
        router.Map("POST", "/webapi/ssh/certs", async context =>
        {
            WebLoginRequest request = await context.ReadJsonAsync(WebJsonContext.Default.WebLoginRequest).ConfigureAwait(false);
            string user = WebRequests.Required(request.User, "user");
            var login = new LoginRequestMessage(
                request.Password ?? string.Empty,
                request.OtpToken,
                WebRequests.Required(request.PubKey, "pub_key"),
                string.IsNullOrEmpty(request.TlsPubKey) ? null : request.TlsPubKey,
                string.IsNullOrEmpty(request.Ttl) ? null : request.Ttl);
            LoginResponseMessage issued;
            try
            {
                issued = await web.Auth.LoginAsync(user, login, context.ClientAddress(), context.RequestAborted).ConfigureAwait(false);
            }
            catch (AuthApiException e) when (e.IsAccessDenied && !e.Message.Contains("locked", StringComparison.Ordinal))
            {
                // Auth's reason (which factor failed) is in its user.login event for the admin.
                throw WebApiException.AccessDenied(InvalidCredentials);
            }

            await context.WriteJsonAsync(
                new WebLoginResponse(issued.Username, issued.SshCertificate, issued.TlsCertificate, issued.HostCaKeys, issued.TlsCaCertificates, web.Cluster.Current.ClusterName),
                WebJsonContext.Default.WebLoginResponse).ConfigureAwait(false);
        }).RequireRateLimiting(WebRouter.LoginRateLimitPolicy);
    }
}
