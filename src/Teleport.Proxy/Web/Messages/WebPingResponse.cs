namespace Teleport.Proxy.Web.Messages;

/// <summary>GET /webapi/ping: how to log in to this cluster and where its proxy listens; needs no credentials.</summary>
public sealed record WebPingResponse(WebAuthSettings Auth, WebProxySettings Proxy, string ServerVersion, string MinClientVersion, string ClusterName);
