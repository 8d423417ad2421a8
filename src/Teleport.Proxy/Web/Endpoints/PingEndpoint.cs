using Teleport.Api;
using Teleport.Proxy.Web.Messages;

namespace Teleport.Proxy.Web.Endpoints;

/// <summary>GET /webapi/ping: what tsh asks first (login settings, SSH and tunnel addresses). Served from the cache: no Auth call.</summary>
internal static class PingEndpoint
{
    public const string MinClientVersion = "0.1.0";

    public static void Map(WebRouter router)
    {
        WebContext web = router.Web;
        ProxyServiceOptions options = web.Options;
        router.Map("GET", "/webapi/ping", context =>
        {
            Cluster.ClusterSnapshot cluster = web.Cluster.Current;
            var ping = new WebPingResponse(
                new WebAuthSettings("local", cluster.SecondFactor, new WebLocalAuth(string.Empty)),
                new WebProxySettings(new WebSshProxySettings(
                    options.SshListenAddr.ToString(),
                    options.TunnelListenAddr.ToString(),
                    options.PublicAddr,
                    options.SshPublicAddr,
                    options.TunnelPublicAddr)),
                TeleportVersion.Current,
                MinClientVersion,
                cluster.ClusterName);
            return context.WriteJsonAsync(ping, WebJsonContext.Default.WebPingResponse);
        });
    }
}
