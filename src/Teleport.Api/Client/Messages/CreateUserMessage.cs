namespace Teleport.Api.Client.Messages;

/// <summary>POST /v1/users: tctl users add NAME --roles --logins.</summary>
public sealed record CreateUserMessage(string Name, IReadOnlyList<string> Roles, IReadOnlyList<string>? Logins);
