using System.Net;
using Microsoft.AspNetCore.Http;

namespace Teleport.Proxy.Web.Endpoints;

/// <summary>
/// GET /web/invite/{token}: the page the invitation link tctl prints opens. It shows the TOTP QR
/// code and takes the password and a code; its script only calls the invitation web API. The
/// three files are embedded from <c>web/</c>; the page allows no inline script, no framing and
/// no other origin.
/// </summary>
internal static class InvitationPage
{
    private const string Policy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";

    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/web/invite/{token}", "web/invite.html", "text/html; charset=utf-8"),
        ("/web/invite.js", "web/invite.js", "text/javascript; charset=utf-8"),
        ("/web/invite.css", "web/invite.css", "text/css; charset=utf-8"),
    ];

    public static void Map(WebRouter router)
    {
        foreach ((string path, string resource, string contentType) in Files)
        {
            byte[] body = Read(resource);
            router.Map("GET", path, context =>
            {
                HttpResponse response = context.Response;
                response.StatusCode = (int)HttpStatusCode.OK;
                response.ContentType = contentType;
                response.Headers.ContentSecurityPolicy = Policy;
                response.Headers.XContentTypeOptions = "nosniff";
                response.Headers.CacheControl = "no-store";
                response.Headers["Referrer-Policy"] = "no-referrer";
                return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
            });
        }
    }

    private static byte[] Read(string resource)
    {
        using Stream stream = typeof(InvitationPage).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded in the proxy");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
