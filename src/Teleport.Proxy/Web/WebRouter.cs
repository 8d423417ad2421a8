using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Teleport.Proxy.Web;

/// <summary>Maps the web API's endpoints; every failure becomes the web error body in one place.</summary>
internal sealed class WebRouter(IEndpointRouteBuilder routes, WebContext web, ILogger logger)
{
    public const string LoginRateLimitPolicy = "login";

    public WebContext Web => web;

    public IEndpointConventionBuilder Map(string method, string pattern, Func<HttpContext, Task> handler) =>
        routes.MapMethods(pattern, [method], async context =>
        {
            try
            {
                await handler(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                await WebErrors.WriteAsync(context, e, logger).ConfigureAwait(false);
            }
        });

    public static string Route(HttpContext context, string name) => (string)context.Request.RouteValues[name]!;
}
