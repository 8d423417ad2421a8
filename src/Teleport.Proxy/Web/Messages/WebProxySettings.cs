namespace Teleport.Proxy.Web.Messages;

/// <summary>The ping's <c>proxy</c>.</summary>
public sealed record WebProxySettings(WebSshProxySettings Ssh);
