namespace Teleport.Auth.Identity;

/// <summary>What an invitation shows its user: who it is for, until when, and the TOTP secret to register.</summary>
public sealed record InvitationView(string UserName, DateTimeOffset Expires, string OtpAuthUri, byte[] QrCodePng);
