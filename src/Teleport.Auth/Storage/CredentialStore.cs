using Teleport.Backend;

namespace Teleport.Auth.Storage;

/// <summary>
/// Users' secrets and login state under <c>/web/users/&lt;name&gt;/</c>: credentials, failed
/// attempts, and sign-up invitations under <c>/usertoken/&lt;token&gt;</c>.
/// </summary>
public sealed class CredentialStore(IBackend backend)
{
    public async Task<UserCredentials?> GetCredentialsAsync(string user, CancellationToken cancellationToken = default) =>
        await JsonItems.GetAsync(backend, CredentialsKey(user), StorageJsonContext.Default.UserCredentials, cancellationToken).ConfigureAwait(false);

    public async Task PutCredentialsAsync(string user, UserCredentials credentials, CancellationToken cancellationToken = default) =>
        await backend.PutAsync(JsonItems.Encode(CredentialsKey(user), credentials, StorageJsonContext.Default.UserCredentials), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Records that TOTP <paramref name="step"/> was used, atomically: if another login used the
    /// same or a later step meanwhile, the compare-and-swap fails and so does this login.
    /// </summary>
    public async Task<bool> TryUseTotpStepAsync(string user, UserCredentials current, long step, CancellationToken cancellationToken = default)
    {
        Item expected = JsonItems.Encode(CredentialsKey(user), current, StorageJsonContext.Default.UserCredentials);
        Item replacement = JsonItems.Encode(CredentialsKey(user), current with { LastTotpStep = step }, StorageJsonContext.Default.UserCredentials);
        try
        {
            await backend.CompareAndSwapAsync(expected, replacement, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (CompareFailedException)
        {
            return false;
        }
    }

    public async Task<LoginAttempts> GetAttemptsAsync(string user, CancellationToken cancellationToken = default) =>
        await JsonItems.GetAsync(backend, AttemptsKey(user), StorageJsonContext.Default.LoginAttempts, cancellationToken).ConfigureAwait(false)
        ?? new LoginAttempts([], null);

    public async Task PutAttemptsAsync(string user, LoginAttempts attempts, DateTimeOffset expires, CancellationToken cancellationToken = default) =>
        await backend.PutAsync(JsonItems.Encode(AttemptsKey(user), attempts, StorageJsonContext.Default.LoginAttempts, expires), cancellationToken).ConfigureAwait(false);

    public async Task ClearAttemptsAsync(string user, CancellationToken cancellationToken = default)
    {
        try
        {
            await backend.DeleteAsync(AttemptsKey(user), cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            // Nothing to clear.
        }
    }

    public async Task DeleteUserAsync(string user, CancellationToken cancellationToken = default) =>
        await backend.DeletePrefixAsync(Keys.Key("web", "users", user) + "/", cancellationToken).ConfigureAwait(false);

    public async Task CreateInvitationAsync(Invitation invitation, CancellationToken cancellationToken = default) =>
        await backend.CreateAsync(JsonItems.Encode(InvitationKey(invitation.Token), invitation, StorageJsonContext.Default.Invitation, invitation.Expires), cancellationToken).ConfigureAwait(false);

    public async Task<Invitation?> GetInvitationAsync(string token, CancellationToken cancellationToken = default) =>
        await JsonItems.GetAsync(backend, InvitationKey(token), StorageJsonContext.Default.Invitation, cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes the invitation; false when someone else used it first (so it works exactly once).</summary>
    public async Task<bool> TryConsumeInvitationAsync(string token, CancellationToken cancellationToken = default)
    {
        try
        {
            await backend.DeleteAsync(InvitationKey(token), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    private static string CredentialsKey(string user) => Keys.Key("web", "users", user, "credentials");

    private static string AttemptsKey(string user) => Keys.Key("web", "users", user, "attempts");

    private static string InvitationKey(string token) => Keys.Key("usertoken", token);
}
