using System.Net;

namespace Teleport.Proxy.Web;

/// <summary>A web API call failed for a reason the user can act on: the status and message go out in the error body.</summary>
public sealed class WebApiException : Exception
{
    public WebApiException(HttpStatusCode status, string message) : base(message)
    {
        Status = status;
    }

    public WebApiException() { }

    public WebApiException(string message) : base(message) { }

    public WebApiException(string message, Exception innerException) : base(message, innerException) { }

    public HttpStatusCode Status { get; } = HttpStatusCode.InternalServerError;

    public static WebApiException BadParameter(string message) => new(HttpStatusCode.BadRequest, message);

    public static WebApiException AccessDenied(string message) => new(HttpStatusCode.Forbidden, message);

    public static WebApiException NotFound(string message) => new(HttpStatusCode.NotFound, message);

    public static WebApiException LimitExceeded(string message) => new(HttpStatusCode.TooManyRequests, message);
}
