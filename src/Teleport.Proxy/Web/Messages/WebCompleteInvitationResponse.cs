namespace Teleport.Proxy.Web.Messages;

/// <summary>The user whose invitation was completed.</summary>
public sealed record WebCompleteInvitationResponse(string User);
