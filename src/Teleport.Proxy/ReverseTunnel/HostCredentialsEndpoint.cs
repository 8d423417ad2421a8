using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Teleport.Api.Client.Messages;
using Teleport.Proxy.Web;

namespace Teleport.Proxy.ReverseTunnel;

/// <summary>
/// <c>POST /webapi/host/credentials</c>: a node configured with <c>proxy_server</c> joins through
/// the proxy. The body and answer are those of Auth's <c>POST /v1/join</c> (docs/api.md); the
/// proxy forwards the request and Auth decides (token, role, audit). The node checks the answer
/// against its ca_pin, since the proxy's web certificate proves nothing about the cluster. Rate
/// limited per client address like logins, since a join is a guess at a token; the node's address
/// goes to Auth in X-Forwarded-For, so its limits and the instance.join event see the node.
/// </summary>
internal static class HostCredentialsEndpoint
{
    public const string Path = "/webapi/host/credentials";

    private const long MaxBodyBytes = 64 * 1024;

    public static void Map(WebRouter router)
    {
        Api.Client.AuthClient auth = router.Web.Auth;
        router.Map("POST", Path, async context =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBodyBytes;
            }

            JoinRequestMessage request = await context.Request.ReadFromJsonAsync(MessagesJsonContext.Default.JoinRequestMessage, context.RequestAborted).ConfigureAwait(false)
                ?? throw new WebApiException(HttpStatusCode.BadRequest, "the body must be a join request, as Auth's /v1/join takes");
            JoinResponseMessage joined = await auth.JoinAsync(request, context.ClientAddress(), context.RequestAborted).ConfigureAwait(false);
            await context.Response.WriteAsJsonAsync(joined, MessagesJsonContext.Default.JoinResponseMessage, contentType: null, context.RequestAborted).ConfigureAwait(false);
        }).RequireRateLimiting(WebRouter.LoginRateLimitPolicy);
    }
}
