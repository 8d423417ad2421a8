namespace Teleport.Auth.Storage;

/// <summary>
/// A sign-up (or reset) token: who it is for, when it expires, and the TOTP secret the user will
/// register with it. Used once, then deleted.
/// </summary>
public sealed record Invitation(string Token, string UserName, DateTimeOffset Expires, byte[] TotpSecret, string Kind = "invite");
