using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;

namespace Teleport.Proxy.ReverseTunnel;

/// <summary>
/// <c>POST /webapi/host/credentials</c>: a node configured with <c>proxy_server</c> joins through
/// the proxy. The body and answer are those of Auth's <c>POST /v1/join</c> (docs/api.md); the
/// proxy forwards the request and Auth decides (token, role, audit). The node checks the answer
/// against its ca_pin, since the proxy's web certificate proves nothing about the cluster.
/// </summary>
public static class HostCredentialsEndpoint
{
    public const string Path = "/webapi/host/credentials";

    private const long MaxBodyBytes = 64 * 1024;

    public static IEndpointConventionBuilder MapHostCredentials(this IEndpointRouteBuilder endpoints, AuthClient auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return endpoints.MapPost(Path, context => ForwardAsync(context, auth));
    }

    private static async Task ForwardAsync(HttpContext context, AuthClient auth)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        JoinRequestMessage? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync(MessagesJsonContext.Default.JoinRequestMessage, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or BadHttpRequestException or InvalidOperationException)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "the body must be a join request (JSON, as Auth's /v1/join)").ConfigureAwait(false);
            return;
        }

        if (request is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "the body must be a join request (JSON, as Auth's /v1/join)").ConfigureAwait(false);
            return;
        }

        JoinResponseMessage joined;
        try
        {
            joined = await auth.JoinAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (AuthApiException e)
        {
            await WriteErrorAsync(context, (int)e.Status is >= 400 and < 600 ? (int)e.Status : StatusCodes.Status500InternalServerError, e.Message).ConfigureAwait(false);
            return;
        }

        await context.Response.WriteAsJsonAsync(joined, MessagesJsonContext.Default.JoinResponseMessage, contentType: null, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Teleport's web error shape: <c>{"error":{"message":"..."}}</c>.</summary>
    private static Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new JsonObject { ["error"] = new JsonObject { ["message"] = message } };
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
