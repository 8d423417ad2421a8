using System.Security.Cryptography;
using Teleport.Api.Types;
using Teleport.Auth.Audit;
using Teleport.Auth.Storage;

namespace Teleport.Auth.Identity;

/// <summary>
/// Users: creation with a sign-up invitation (tctl users add), updates of roles and traits,
/// deletion, and password/second factor resets. Every change is audited.
/// </summary>
public sealed class UserService(ResourceStore<User> users, ResourceStore<Role> roles, CredentialStore credentials, AuditLog audit, TimeProvider clock)
{
    /// <summary>Invitations last an hour, as Teleport's do.</summary>
    public static readonly TimeSpan InvitationTtl = TimeSpan.FromHours(1);

    public Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken = default) => users.ListAsync(cancellationToken);

    public Task<User> GetAsync(string name, CancellationToken cancellationToken = default) => users.GetRequiredAsync(name, cancellationToken);

    /// <summary>Creates the user and returns a sign-up invitation for them to set a password and second factor.</summary>
    public async Task<Invitation> CreateWithInvitationAsync(User user, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await CheckAsync(user, cancellationToken).ConfigureAwait(false);
        user = user with { Spec = user.Spec with { CreatedBy = new CreatedBy { Time = clock.GetUtcNow(), User = createdBy } } };
        await users.CreateAsync(user, cancellationToken).ConfigureAwait(false);
        await audit.EmitAsync(AuditEvent.Create(AuditEventType.UserCreate, createdBy)
            .With("name", user.Metadata.Name)
            .With("roles", user.Spec.Roles), cancellationToken).ConfigureAwait(false);
        return await InviteAsync(user.Metadata.Name, "invite", createdBy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates or replaces a user as given (tctl create -f user.yaml), without an invitation.</summary>
    public async Task<User> UpsertAsync(User user, string updatedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await CheckAsync(user, cancellationToken).ConfigureAwait(false);
        bool existed = await users.GetAsync(user.Metadata.Name, cancellationToken).ConfigureAwait(false) is not null;
        await users.UpsertAsync(user, cancellationToken).ConfigureAwait(false);
        await audit.EmitAsync(AuditEvent.Create(existed ? AuditEventType.UserUpdate : AuditEventType.UserCreate, updatedBy)
            .With("name", user.Metadata.Name)
            .With("roles", user.Spec.Roles), cancellationToken).ConfigureAwait(false);
        return user;
    }

    /// <summary>tctl users update --set-roles / --set-logins.</summary>
    public async Task<User> UpdateAsync(string name, IReadOnlyList<string>? setRoles, IReadOnlyList<string>? setLogins, string updatedBy, CancellationToken cancellationToken = default)
    {
        User user = await users.GetRequiredAsync(name, cancellationToken).ConfigureAwait(false);
        UserSpec spec = user.Spec;
        if (setRoles is not null)
        {
            spec = spec with { Roles = ValueList.From(setRoles) };
        }

        if (setLogins is not null)
        {
            var traits = new Dictionary<string, ValueList<string>>(spec.Traits, StringComparer.Ordinal) { ["logins"] = ValueList.From(setLogins) };
            spec = spec with { Traits = ValueMap.From(traits) };
        }

        user = user with { Spec = spec };
        await CheckAsync(user, cancellationToken).ConfigureAwait(false);
        await users.UpdateAsync(user, cancellationToken).ConfigureAwait(false);
        await audit.EmitAsync(AuditEvent.Create(AuditEventType.UserUpdate, updatedBy)
            .With("name", name)
            .With("roles", user.Spec.Roles), cancellationToken).ConfigureAwait(false);
        return user;
    }

    public async Task DeleteAsync(string name, string deletedBy, CancellationToken cancellationToken = default)
    {
        await users.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        await credentials.DeleteUserAsync(name, cancellationToken).ConfigureAwait(false);
        await audit.EmitAsync(AuditEvent.Create(AuditEventType.UserDelete, deletedBy).With("name", name), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>tctl users reset: a new invitation that replaces the password and second factor.</summary>
    public async Task<Invitation> ResetAsync(string name, string requestedBy, CancellationToken cancellationToken = default)
    {
        await users.GetRequiredAsync(name, cancellationToken).ConfigureAwait(false);
        return await InviteAsync(name, "reset", requestedBy, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Invitation> InviteAsync(string name, string kind, string createdBy, CancellationToken cancellationToken)
    {
        var invitation = new Invitation(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            name,
            clock.GetUtcNow() + InvitationTtl,
            Totp.GenerateSecret(),
            kind);
        await credentials.CreateInvitationAsync(invitation, cancellationToken).ConfigureAwait(false);
        await audit.EmitAsync(AuditEvent.Create(AuditEventType.ResetPasswordTokenCreate, createdBy)
            .With("name", name)
            .With("ttl", Duration.FromTimeSpan(InvitationTtl).ToString())
            .With("reset_type", kind), cancellationToken).ConfigureAwait(false);
        return invitation;
    }

    /// <summary>A user may only name roles that exist (Teleport refuses the rest).</summary>
    private async Task CheckAsync(User user, CancellationToken cancellationToken)
    {
        UserNames.Validate(user.Metadata.Name);
        user.Validate();
        foreach (string role in user.Spec.Roles)
        {
            if (await roles.GetAsync(role, cancellationToken).ConfigureAwait(false) is null)
            {
                throw AuthException.NotFound($"role \"{role}\" is not found");
            }
        }
    }
}
