namespace Teleport.Proxy.Web.Messages;

/// <summary>Teleport's web error body: <c>{"error":{"message":"..."}}</c>.</summary>
public sealed record WebError(WebErrorDetail Error);
