using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Teleport.Api.Client;
using Teleport.Proxy.Web.Messages;

namespace Teleport.Proxy.Web;

/// <summary>
/// Turns failures into Teleport's web error body with the matching status. Auth's refusals keep
/// their kind and message; anything unexpected is logged and described to nobody.
/// </summary>
internal static class WebErrors
{
    public static async Task WriteAsync(HttpContext context, Exception error, ILogger logger)
    {
        (HttpStatusCode status, string message) = error switch
        {
            WebApiException web => (web.Status, web.Message),
            AuthApiException auth => (StatusOf(auth), auth.Message),
            JsonException or BadHttpRequestException => (HttpStatusCode.BadRequest, "malformed request: the body must be JSON as documented"),
            OperationCanceledException => (HttpStatusCode.ServiceUnavailable, "the request was cancelled or took too long"),
            _ => (HttpStatusCode.InternalServerError, "internal error"),
        };
        if (status == HttpStatusCode.InternalServerError)
        {
            logger.LogError(error, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
        }

        if (context.Response.HasStarted)
        {
            return;
        }

        await WriteAsync(context, status, message).ConfigureAwait(false);
    }

    public static Task WriteAsync(HttpContext context, HttpStatusCode status, string message)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new WebError(new WebErrorDetail(message)), WebJsonContext.Default.WebError, CancellationToken.None);
    }

    private static HttpStatusCode StatusOf(AuthApiException error) => error.Kind switch
    {
        ErrorKinds.NotFound => HttpStatusCode.NotFound,
        ErrorKinds.AlreadyExists => HttpStatusCode.Conflict,
        ErrorKinds.AccessDenied => HttpStatusCode.Forbidden,
        ErrorKinds.BadParameter => HttpStatusCode.BadRequest,
        ErrorKinds.LimitExceeded => HttpStatusCode.TooManyRequests,

        // Auth unreachable or failing: the proxy is fine, the cluster behind it is not.
        _ => error.Status == HttpStatusCode.ServiceUnavailable ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.InternalServerError,
    };
}
