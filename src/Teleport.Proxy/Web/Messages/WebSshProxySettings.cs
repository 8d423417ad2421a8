namespace Teleport.Proxy.Web.Messages;

/// <summary>The ping's <c>proxy.ssh</c>: the listeners, and the addresses users and nodes should dial.</summary>
public sealed record WebSshProxySettings(string ListenAddr, string TunnelListenAddr, string PublicAddr, string SshPublicAddr, string SshTunnelPublicAddr);
