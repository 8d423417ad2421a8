using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Teleport.Api.Client;
using Teleport.Api.Types;
using Teleport.Ssh;

namespace Teleport.Auth.Api;

/// <summary>Turns failures into the API's error body; unexpected ones are logged and never shown in detail.</summary>
internal static class ApiErrors
{
    public static async Task WriteAsync(HttpContext context, Exception error, ILogger logger)
    {
        (HttpStatusCode status, string kind, string message) = error switch
        {
            AuthException auth => (StatusOf(auth.Kind), auth.Kind, auth.Message),
            ResourceValidationException invalid => (HttpStatusCode.BadRequest, ErrorKinds.BadParameter, invalid.Message),
            JsonException or BadHttpRequestException or FormatException => (HttpStatusCode.BadRequest, ErrorKinds.BadParameter, "malformed request: " + error.Message),
            SshException ssh => (HttpStatusCode.BadRequest, ErrorKinds.BadParameter, ssh.Message),
            OperationCanceledException => (HttpStatusCode.ServiceUnavailable, ErrorKinds.Internal, "the request was cancelled"),
            _ => (HttpStatusCode.InternalServerError, ErrorKinds.Internal, "internal error"),
        };
        if (status == HttpStatusCode.InternalServerError)
        {
            logger.LogError(error, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
        }

        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ApiError(new ApiErrorDetail(kind, message)), Teleport.Api.Client.Messages.MessagesJsonContext.Default.ApiError, context.RequestAborted).ConfigureAwait(false);
    }

    private static HttpStatusCode StatusOf(string kind) => kind switch
    {
        ErrorKinds.NotFound => HttpStatusCode.NotFound,
        ErrorKinds.AlreadyExists => HttpStatusCode.Conflict,
        ErrorKinds.AccessDenied => HttpStatusCode.Forbidden,
        ErrorKinds.BadParameter => HttpStatusCode.BadRequest,
        ErrorKinds.LimitExceeded => HttpStatusCode.TooManyRequests,
        ErrorKinds.CompareFailed => HttpStatusCode.PreconditionFailed,
        _ => HttpStatusCode.InternalServerError,
    };
}
