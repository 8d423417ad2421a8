namespace Teleport.Api.Client.Messages;

/// <summary>POST /v1/invites/{token}: the new password and a current code from the registered authenticator.</summary>
public sealed record CompleteInviteMessage(string Password, string OtpCode);
