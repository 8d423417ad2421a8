using Teleport.Api.Rbac;
using Teleport.Api.Types;
using Teleport.Auth.Audit;
using Teleport.Auth.Storage;

namespace Teleport.Auth.Access;

/// <summary>Roles: the presets on first start, create/update/delete with audit, and no deleting a role a user still has.</summary>
public sealed class RoleService(ResourceStore<Role> roles, ResourceStore<User> users, AuditLog audit)
{
    public Task<IReadOnlyList<Role>> ListAsync(CancellationToken cancellationToken = default) => roles.ListAsync(cancellationToken);

    public Task<Role> GetAsync(string name, CancellationToken cancellationToken = default) => roles.GetRequiredAsync(name, cancellationToken);

    /// <summary>Creates Teleport's preset roles (access, editor, auditor) unless they exist.</summary>
    public async Task EnsurePresetsAsync(CancellationToken cancellationToken = default)
    {
        foreach (Role preset in PresetRoles.All())
        {
            if (await roles.GetAsync(preset.Metadata.Name, cancellationToken).ConfigureAwait(false) is null)
            {
                await roles.UpsertAsync(preset, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<Role> UpsertAsync(Role role, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        bool existed = await roles.GetAsync(role.Metadata.Name, cancellationToken).ConfigureAwait(false) is not null;
        await roles.UpsertAsync(role, cancellationToken).ConfigureAwait(false);
        await audit.EmitAsync(AuditEvent.Create(existed ? AuditEventType.RoleUpdated : AuditEventType.RoleCreated, by).With("name", role.Metadata.Name), cancellationToken).ConfigureAwait(false);
        return role;
    }

    public async Task<Role> CreateAsync(Role role, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        await roles.CreateAsync(role, cancellationToken).ConfigureAwait(false);
        await audit.EmitAsync(AuditEvent.Create(AuditEventType.RoleCreated, by).With("name", role.Metadata.Name), cancellationToken).ConfigureAwait(false);
        return role;
    }

    public async Task DeleteAsync(string name, string by, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<User> holders = [.. (await users.ListAsync(cancellationToken).ConfigureAwait(false)).Where(u => u.Spec.Roles.Contains(name))];
        if (holders.Count > 0)
        {
            throw AuthException.BadParameter($"role \"{name}\" is still assigned to {string.Join(", ", holders.Select(u => u.Metadata.Name))}: remove it from them first");
        }

        await roles.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        await audit.EmitAsync(AuditEvent.Create(AuditEventType.RoleDeleted, by).With("name", name), cancellationToken).ConfigureAwait(false);
    }
}
