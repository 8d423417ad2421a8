using System.Globalization;
using Teleport.Api.Types;
using Teleport.Auth.Audit;
using Teleport.Auth.Storage;

namespace Teleport.Auth.Identity;

/// <summary>
/// Local logins: password, then the TOTP code when the cluster requires a second factor. Five
/// failures within half an hour lock the user for 30 minutes. Every attempt is audited as
/// user.login, with the method and, on failure, the reason.
/// </summary>
public sealed class LoginService(ResourceStore<User> users, CredentialStore credentials, AuditLog audit, TimeProvider clock, string secondFactor)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(30);

    public async Task<User> LoginAsync(string userName, string password, string? otpCode, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        DateTimeOffset now = clock.GetUtcNow();
        User? user = await users.GetAsync(userName, cancellationToken).ConfigureAwait(false);
        LoginAttempts attempts = user is null ? new LoginAttempts([], null) : await credentials.GetAttemptsAsync(userName, cancellationToken).ConfigureAwait(false);
        if (attempts.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            string locked = $"user {userName} is locked until {lockedUntil.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)} after {MaxFailures} failed logins";
            await AuditFailureAsync(userName, remoteAddress, locked, cancellationToken).ConfigureAwait(false);
            throw AuthException.AccessDenied(locked);
        }

        UserCredentials? stored = user is null ? null : await credentials.GetCredentialsAsync(userName, cancellationToken).ConfigureAwait(false);
        if (user is null || stored?.PasswordHash is null || !PasswordHasher.Verify(password, stored.PasswordHash))
        {
            throw await FailAsync(user, userName, attempts, "invalid username or password", remoteAddress, now, cancellationToken).ConfigureAwait(false);
        }

        bool needsCode = SecondFactors.IsRequired(secondFactor) || (secondFactor == SecondFactors.Optional && stored.TotpSecret is not null);
        if (needsCode)
        {
            if (string.IsNullOrWhiteSpace(otpCode))
            {
                throw await FailAsync(user, userName, attempts, "a second factor code is required: enter the code from your authenticator app", remoteAddress, now, cancellationToken).ConfigureAwait(false);
            }

            long? step = stored.TotpSecret is null ? null : Totp.Verify(stored.TotpSecret, otpCode.Trim(), now, stored.LastTotpStep);
            if (step is null)
            {
                string reason = stored.TotpSecret is not null && Totp.Verify(stored.TotpSecret, otpCode.Trim(), now, lastUsedStep: long.MinValue) is not null
                    ? "this second factor code was already used: wait for the next one"
                    : "invalid second factor code: check that your device's clock is right";
                throw await FailAsync(user, userName, attempts, reason, remoteAddress, now, cancellationToken).ConfigureAwait(false);
            }

            if (!await credentials.TryUseTotpStepAsync(userName, stored, step.Value, cancellationToken).ConfigureAwait(false))
            {
                throw await FailAsync(user, userName, attempts, "this second factor code was already used: wait for the next one", remoteAddress, now, cancellationToken).ConfigureAwait(false);
            }
        }

        if (attempts.Failures.Count > 0)
        {
            await credentials.ClearAttemptsAsync(userName, cancellationToken).ConfigureAwait(false);
        }

        await audit.EmitAsync(AuditEvent.Create(AuditEventType.UserLogin, userName)
            .With("method", "local")
            .With("success", true)
            .With("addr.remote", remoteAddress), cancellationToken).ConfigureAwait(false);
        return user;
    }

    private async Task<AuthException> FailAsync(User? user, string userName, LoginAttempts attempts, string reason, string? remoteAddress, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (user is not null)
        {
            // Count only real users' failures, so probing random names cannot fill the backend.
            List<DateTimeOffset> recent = [.. attempts.Failures.Where(f => now - f < FailureWindow), now];
            DateTimeOffset? lockedUntil = recent.Count >= MaxFailures ? now + LockDuration : null;
            await credentials.PutAttemptsAsync(userName, new LoginAttempts(lockedUntil is null ? recent : [], lockedUntil), lockedUntil ?? now + FailureWindow, cancellationToken).ConfigureAwait(false);
            if (lockedUntil is not null)
            {
                reason += $"; user {userName} is now locked for {LockDuration.TotalMinutes} minutes";
            }
        }

        await AuditFailureAsync(userName, remoteAddress, reason, cancellationToken).ConfigureAwait(false);
        return AuthException.AccessDenied(reason);
    }

    private async Task AuditFailureAsync(string userName, string? remoteAddress, string reason, CancellationToken cancellationToken) =>
        await audit.EmitAsync(AuditEvent.Create(AuditEventType.UserLoginFailure, userName)
            .With("method", "local")
            .With("success", false)
            .With("error", reason)
            .With("addr.remote", remoteAddress), cancellationToken).ConfigureAwait(false);
}
