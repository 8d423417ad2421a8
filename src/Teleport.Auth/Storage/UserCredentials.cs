namespace Teleport.Auth.Storage;

/// <summary>
/// A local user's secrets, kept apart from the user resource so they never travel with it:
/// the password hash, the TOTP secret and the last time step accepted (codes are single use).
/// </summary>
public sealed record UserCredentials(string? PasswordHash, byte[]? TotpSecret, long LastTotpStep);
