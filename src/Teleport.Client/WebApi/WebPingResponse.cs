namespace Teleport.Client.WebApi;

/// <summary>GET /webapi/ping: how to log in to the cluster and where its SSH proxy listens.</summary>
public sealed record WebPingResponse(WebPingAuth? Auth, WebPingProxy? Proxy, string? ServerVersion, string? MinClientVersion, string? ClusterName);
