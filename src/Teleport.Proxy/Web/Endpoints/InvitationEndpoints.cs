using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Teleport.Api.Client.Messages;
using Teleport.Proxy.Web.Messages;

namespace Teleport.Proxy.Web.Endpoints;

/// <summary>
/// A sign-up or reset invitation (the link <c>tctl users add</c> prints): read it (who, until when,
/// the TOTP secret to register), then complete it with a password and a code. Forwarded to Auth's
/// <c>/v1/invites/{token}</c> with the user's address; rate limited per client address.
/// </summary>
internal static class InvitationEndpoints
{
    public static void Map(WebRouter router)
    {
        WebContext web = router.Web;
        router.Map("GET", "/webapi/users/password/token/{token}", async context =>
        {
            string token = WebRouter.Route(context, "token");
            InviteResponseMessage invite = await web.Auth.GetInviteAsync(token, context.ClientAddress(), context.RequestAborted).ConfigureAwait(false);
            await context.WriteJsonAsync(
                new WebInvitationResponse(token, invite.User, invite.Expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), invite.QrCodePng, invite.OtpAuthUri),
                WebJsonContext.Default.WebInvitationResponse).ConfigureAwait(false);
        }).RequireRateLimiting(WebRouter.LoginRateLimitPolicy);

        router.Map("PUT", "/webapi/users/password/token", async context =>
        {
            WebCompleteInvitationRequest request = await context.ReadJsonAsync(WebJsonContext.Default.WebCompleteInvitationRequest).ConfigureAwait(false);
            string token = WebRequests.Required(request.Token, "token");
            string address = context.ClientAddress();
            InviteResponseMessage invite = await web.Auth.GetInviteAsync(token, address, context.RequestAborted).ConfigureAwait(false);
            await web.Auth.CompleteInviteAsync(
                token,
                new CompleteInviteMessage(WebRequests.Required(request.Password, "password"), request.SecondFactorToken ?? string.Empty),
                address,
                context.RequestAborted).ConfigureAwait(false);
            await context.WriteJsonAsync(new WebCompleteInvitationResponse(invite.User), WebJsonContext.Default.WebCompleteInvitationResponse).ConfigureAwait(false);
        }).RequireRateLimiting(WebRouter.LoginRateLimitPolicy);
    }
}
