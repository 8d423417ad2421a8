namespace Teleport.Api.Client.Messages;

/// <summary>GET /v1/invites/{token}: the user the invitation is for and the TOTP secret to register (URI and QR code PNG, base64).</summary>
public sealed record InviteResponseMessage(string User, DateTimeOffset Expires, string OtpAuthUri, string QrCodePng);
