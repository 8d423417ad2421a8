namespace Teleport.Client.WebApi;

/// <summary>Teleport's web error body: <c>{"error":{"message":"..."}}</c>.</summary>
public sealed record WebError(WebErrorDetail? Error);
