namespace Teleport.Api.Client.Messages;

/// <summary>A sign-up or reset invitation: the token, the link to hand the user, and when it stops working.</summary>
public sealed record InvitationMessage(string User, string Token, string Url, DateTimeOffset Expires);
