using Teleport.Api.Types;

namespace Teleport.Api.Templates;

/// <summary>
/// A role with its trait templates replaced by the user's values, as Teleport does before every
/// access decision (lib/services/role.go ApplyTraits): in <c>logins</c> and the other principal
/// lists, in label selector keys and values, and in <c>impersonate</c>.
/// </summary>
internal static class TraitExpansion
{
    public static Role Apply(Role role, ValueMap<ValueList<string>> traits) => role with
    {
        Spec = role.Spec with
        {
            Allow = Apply(role.Spec.Allow, traits),
            Deny = Apply(role.Spec.Deny, traits),
        },
    };

    private static RoleConditions Apply(RoleConditions conditions, ValueMap<ValueList<string>> traits) => conditions with
    {
        Logins = TraitTemplate.ExpandAll(conditions.Logins, traits),
        WindowsDesktopLogins = TraitTemplate.ExpandAll(conditions.WindowsDesktopLogins, traits),
        KubernetesGroups = TraitTemplate.ExpandAll(conditions.KubernetesGroups, traits),
        KubernetesUsers = TraitTemplate.ExpandAll(conditions.KubernetesUsers, traits),
        DatabaseNames = TraitTemplate.ExpandAll(conditions.DatabaseNames, traits),
        DatabaseUsers = TraitTemplate.ExpandAll(conditions.DatabaseUsers, traits),
        DatabaseRoles = TraitTemplate.ExpandAll(conditions.DatabaseRoles, traits),
        AwsRoleArns = TraitTemplate.ExpandAll(conditions.AwsRoleArns, traits),
        AzureIdentities = TraitTemplate.ExpandAll(conditions.AzureIdentities, traits),
        GcpServiceAccounts = TraitTemplate.ExpandAll(conditions.GcpServiceAccounts, traits),
        HostGroups = TraitTemplate.ExpandAll(conditions.HostGroups, traits),
        HostSudoers = TraitTemplate.ExpandAll(conditions.HostSudoers, traits),
        DesktopGroups = TraitTemplate.ExpandAll(conditions.DesktopGroups, traits),
        NodeLabels = Apply(conditions.NodeLabels, traits),
        WindowsDesktopLabels = Apply(conditions.WindowsDesktopLabels, traits),
        KubernetesLabels = Apply(conditions.KubernetesLabels, traits),
        AppLabels = Apply(conditions.AppLabels, traits),
        ClusterLabels = Apply(conditions.ClusterLabels, traits),
        DatabaseLabels = Apply(conditions.DatabaseLabels, traits),
        DatabaseServiceLabels = Apply(conditions.DatabaseServiceLabels, traits),
        GroupLabels = Apply(conditions.GroupLabels, traits),
        WorkloadIdentityLabels = Apply(conditions.WorkloadIdentityLabels, traits),
        Impersonate = conditions.Impersonate is { } impersonate
            ? impersonate with
            {
                Users = TraitTemplate.ExpandAll(impersonate.Users, traits),
                Roles = TraitTemplate.ExpandAll(impersonate.Roles, traits),
            }
            : null,
    };

    /// <summary>
    /// Teleport's applyLabelsTraits: a key that expands to nothing becomes the empty key (which no
    /// resource has, so the selector cannot match), a key that expands to several values is
    /// dropped, and values expand like logins; a value whose trait is missing leaves the key with
    /// no values, which matches nothing.
    /// </summary>
    private static ValueMap<ValueList<string>> Apply(ValueMap<ValueList<string>> labels, ValueMap<ValueList<string>> traits)
    {
        if (labels.IsEmpty)
        {
            return labels;
        }

        var expanded = new Dictionary<string, ValueList<string>>(StringComparer.Ordinal);
        foreach ((string key, ValueList<string> values) in labels)
        {
            ValueList<string> keys = TraitTemplate.ExpandAll([key], traits);
            if (keys.Count > 1)
            {
                continue;
            }

            expanded[keys.Count == 1 ? keys[0] : string.Empty] = TraitTemplate.ExpandAll(values, traits);
        }

        return ValueMap.From(expanded);
    }
}
