namespace Teleport.Proxy.Web.Messages;

/// <summary>PUT /webapi/users/password/token: the invitation, the new password and a current code from the new authenticator.</summary>
public sealed record WebCompleteInvitationRequest(string? Token, string? Password, string? SecondFactorToken);
