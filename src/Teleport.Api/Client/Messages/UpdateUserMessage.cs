namespace Teleport.Api.Client.Messages;

/// <summary>PUT /v1/users/{name}: tctl users update --set-roles / --set-logins; null leaves a field as it is.</summary>
public sealed record UpdateUserMessage(IReadOnlyList<string>? SetRoles, IReadOnlyList<string>? SetLogins);
