namespace Teleport.Proxy.Web.Messages;

/// <summary>The ping's <c>auth.local</c>: the connector name, empty for the built-in local users.</summary>
public sealed record WebLocalAuth(string Name);
