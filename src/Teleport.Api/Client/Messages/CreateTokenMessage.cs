namespace Teleport.Api.Client.Messages;

/// <summary>POST /v1/tokens: tctl tokens add --type=node --ttl=30m [--value].</summary>
public sealed record CreateTokenMessage(IReadOnlyList<string> Roles, string? Ttl, string? Token);
