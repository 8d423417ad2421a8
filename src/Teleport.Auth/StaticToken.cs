namespace Teleport.Auth;

/// <summary>A join token from auth_service.tokens, such as <c>node:secret</c>: its roles and its secret.</summary>
public sealed record StaticToken(IReadOnlyList<string> Roles, string Token);
