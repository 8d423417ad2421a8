namespace Teleport.Client.WebApi;

/// <summary>The proxy's SSH listeners as the ping reports them; clients dial <see cref="SshPublicAddr"/>.</summary>
public sealed record WebPingProxySsh(string? ListenAddr, string? TunnelListenAddr, string? PublicAddr, string? SshPublicAddr, string? SshTunnelPublicAddr);
