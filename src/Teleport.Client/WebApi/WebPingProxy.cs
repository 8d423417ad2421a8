namespace Teleport.Client.WebApi;

/// <summary>The "proxy" part of the ping.</summary>
public sealed record WebPingProxy(WebPingProxySsh? Ssh);
