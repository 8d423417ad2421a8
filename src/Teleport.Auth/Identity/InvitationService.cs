using Teleport.Auth.Audit;
using Teleport.Auth.Storage;

namespace Teleport.Auth.Identity;

/// <summary>
/// Completing a sign-up or reset: the invitation shows the TOTP secret (as an otpauth:// URI and a
/// QR code); the user answers with a password and a current code, which proves the authenticator
/// is set up. The invitation works once.
/// </summary>
public sealed class InvitationService(CredentialStore credentials, AuditLog audit, PasswordHasher hasher, TimeProvider clock, string issuer)
{
    /// <summary>Teleport's minimum password length.</summary>
    public const int MinimumPasswordLength = 12;

    public const int MaximumPasswordLength = 128;

    public async Task<InvitationView> GetAsync(string token, CancellationToken cancellationToken = default)
    {
        Invitation invitation = await FindAsync(token, cancellationToken).ConfigureAwait(false);
        string uri = Totp.KeyUri(issuer, invitation.UserName, invitation.TotpSecret);
        return new InvitationView(invitation.UserName, invitation.Expires, uri, QrCode.Png(uri));
    }

    public async Task CompleteAsync(string token, string password, string otpCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(otpCode);
        Invitation invitation = await FindAsync(token, cancellationToken).ConfigureAwait(false);
        if (password.Length < MinimumPasswordLength)
        {
            throw AuthException.BadParameter($"password must be at least {MinimumPasswordLength} characters long");
        }

        if (password.Length > MaximumPasswordLength)
        {
            throw AuthException.BadParameter($"password must be at most {MaximumPasswordLength} characters long");
        }

        long? step = Totp.Verify(invitation.TotpSecret, otpCode.Trim(), clock.GetUtcNow(), lastUsedStep: 0);
        if (step is null)
        {
            throw AuthException.AccessDenied("the second factor code is not valid: check the time on your device and try the current code");
        }

        if (!await credentials.TryConsumeInvitationAsync(token, cancellationToken).ConfigureAwait(false))
        {
            throw AuthException.NotFound("this invitation was already used or has expired");
        }

        await credentials.PutCredentialsAsync(invitation.UserName, new UserCredentials(hasher.Hash(password), invitation.TotpSecret, step.Value), cancellationToken).ConfigureAwait(false);
        await credentials.ClearAttemptsAsync(invitation.UserName, cancellationToken).ConfigureAwait(false);
        await audit.EmitAsync(AuditEvent.Create(AuditEventType.UserPasswordChange, invitation.UserName), cancellationToken).ConfigureAwait(false);
        await audit.EmitAsync(AuditEvent.Create(AuditEventType.MfaDeviceAdd, invitation.UserName).With("mfa_device", "otp"), cancellationToken).ConfigureAwait(false);
    }

    private async Task<Invitation> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64 || !token.All(char.IsAsciiHexDigitLower))
        {
            throw AuthException.NotFound("this invitation is not valid");
        }

        return await credentials.GetInvitationAsync(token, cancellationToken).ConfigureAwait(false)
            ?? throw AuthException.NotFound("this invitation was already used or has expired: ask an administrator for a new one");
    }
}
