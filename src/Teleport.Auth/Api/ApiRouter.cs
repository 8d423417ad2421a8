using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Teleport.Auth.Api;

/// <summary>
/// Maps the endpoints. Every call goes the same way: identify the caller from its certificate,
/// authorize it against the endpoint's permission, run the handler, turn failures into the error body.
/// </summary>
internal sealed class ApiRouter(IEndpointRouteBuilder routes, AuthServer auth, ApiAuthorizer authorizer, ILogger logger)
{
    public AuthServer Auth => auth;

    public ApiAuthorizer Authorizer => authorizer;

    public IEndpointConventionBuilder Map(string method, string pattern, ApiPermission permission, Func<HttpContext, Caller, Task> handler) =>
        routes.MapMethods(pattern, [method], async context =>
        {
            try
            {
                Caller caller = RequestContext.IdentifyCaller(context);
                await authorizer.AuthorizeAsync(caller, permission, context.RequestAborted).ConfigureAwait(false);
                await handler(context, caller).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                await ApiErrors.WriteAsync(context, e, logger).ConfigureAwait(false);
            }
        });

    public static string Route(HttpContext context, string name) => (string)context.Request.RouteValues[name]!;
}
