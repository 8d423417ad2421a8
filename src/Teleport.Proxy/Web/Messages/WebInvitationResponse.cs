namespace Teleport.Proxy.Web.Messages;

/// <summary>GET /webapi/users/password/token/{token}: whom the invitation is for, until when, and the TOTP secret to register (URI and QR code PNG, base64).</summary>
public sealed record WebInvitationResponse(string TokenId, string User, string Expires, string QrCode, string OtpAuthUri);
