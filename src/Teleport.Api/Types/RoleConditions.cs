using Teleport.Api.Templates;

namespace Teleport.Api.Types;

/// <summary>
/// The <c>allow</c> or <c>deny</c> section of a role. For SSH: <c>logins</c> (OS users, trait
/// templates allowed) and <c>node_labels</c> (which nodes; all keys must match, values may be
/// <c>*</c>, globs, lists or <c>^regex$</c>). <c>rules</c> govern Teleport's own resources
/// (<c>tctl</c>). The other fields (Kubernetes, databases, apps, desktops, access requests) are
/// carried so roles written for Teleport read, validate and write back unchanged.
/// </summary>
public sealed record RoleConditions
{
    public ValueList<string> Logins { get; init; } = ValueList<string>.Empty;

    public ValueMap<ValueList<string>> NodeLabels { get; init; } = ValueMap<ValueList<string>>.Empty;

    public string? NodeLabelsExpression { get; init; }

    public ValueList<Rule> Rules { get; init; } = ValueList<Rule>.Empty;

    public ValueList<string> WindowsDesktopLogins { get; init; } = ValueList<string>.Empty;

    public ValueMap<ValueList<string>> WindowsDesktopLabels { get; init; } = ValueMap<ValueList<string>>.Empty;

    public string? WindowsDesktopLabelsExpression { get; init; }

    public ValueList<string> KubernetesGroups { get; init; } = ValueList<string>.Empty;

    public ValueList<string> KubernetesUsers { get; init; } = ValueList<string>.Empty;

    public ValueMap<ValueList<string>> KubernetesLabels { get; init; } = ValueMap<ValueList<string>>.Empty;

    public string? KubernetesLabelsExpression { get; init; }

    public ValueList<KubernetesResource> KubernetesResources { get; init; } = ValueList<KubernetesResource>.Empty;

    public ValueMap<ValueList<string>> AppLabels { get; init; } = ValueMap<ValueList<string>>.Empty;

    public string? AppLabelsExpression { get; init; }

    public ValueMap<ValueList<string>> ClusterLabels { get; init; } = ValueMap<ValueList<string>>.Empty;

    public string? ClusterLabelsExpression { get; init; }

    public ValueMap<ValueList<string>> DatabaseLabels { get; init; } = ValueMap<ValueList<string>>.Empty;

    public string? DatabaseLabelsExpression { get; init; }

    public ValueMap<ValueList<string>> DatabaseServiceLabels { get; init; } = ValueMap<ValueList<string>>.Empty;

    public string? DatabaseServiceLabelsExpression { get; init; }

    public ValueList<string> DatabaseNames { get; init; } = ValueList<string>.Empty;

    public ValueList<string> DatabaseUsers { get; init; } = ValueList<string>.Empty;

    public ValueList<string> DatabaseRoles { get; init; } = ValueList<string>.Empty;

    public ValueMap<ValueList<string>> GroupLabels { get; init; } = ValueMap<ValueList<string>>.Empty;

    public string? GroupLabelsExpression { get; init; }

    public ValueMap<ValueList<string>> WorkloadIdentityLabels { get; init; } = ValueMap<ValueList<string>>.Empty;

    public string? WorkloadIdentityLabelsExpression { get; init; }

    public ValueList<string> AwsRoleArns { get; init; } = ValueList<string>.Empty;

    public ValueList<string> AzureIdentities { get; init; } = ValueList<string>.Empty;

    public ValueList<string> GcpServiceAccounts { get; init; } = ValueList<string>.Empty;

    public ValueList<string> HostGroups { get; init; } = ValueList<string>.Empty;

    public ValueList<string> HostSudoers { get; init; } = ValueList<string>.Empty;

    public ValueList<string> DesktopGroups { get; init; } = ValueList<string>.Empty;

    public ImpersonateConditions? Impersonate { get; init; }

    public AccessRequestConditions? Request { get; init; }

    public AccessReviewConditions? ReviewRequests { get; init; }

    public ValueList<SessionRequirePolicy> RequireSessionJoin { get; init; } = ValueList<SessionRequirePolicy>.Empty;

    public ValueList<SessionJoinPolicy> JoinSessions { get; init; } = ValueList<SessionJoinPolicy>.Empty;

    /// <summary>Every label selector of the section with its field name, for checks that treat them alike.</summary>
    internal IEnumerable<(string Field, ValueMap<ValueList<string>> Labels)> LabelSelectors()
    {
        yield return ("node_labels", NodeLabels);
        yield return ("windows_desktop_labels", WindowsDesktopLabels);
        yield return ("kubernetes_labels", KubernetesLabels);
        yield return ("app_labels", AppLabels);
        yield return ("cluster_labels", ClusterLabels);
        yield return ("db_labels", DatabaseLabels);
        yield return ("db_service_labels", DatabaseServiceLabels);
        yield return ("group_labels", GroupLabels);
        yield return ("workload_identity_labels", WorkloadIdentityLabels);
    }

    /// <summary>Every list whose values may be trait templates (Teleport's ApplyTraits), with its field name.</summary>
    internal IEnumerable<(string Field, ValueList<string> Values)> TemplatedLists()
    {
        yield return ("logins", Logins);
        yield return ("windows_desktop_logins", WindowsDesktopLogins);
        yield return ("kubernetes_groups", KubernetesGroups);
        yield return ("kubernetes_users", KubernetesUsers);
        yield return ("db_names", DatabaseNames);
        yield return ("db_users", DatabaseUsers);
        yield return ("db_roles", DatabaseRoles);
        yield return ("aws_role_arns", AwsRoleArns);
        yield return ("azure_identities", AzureIdentities);
        yield return ("gcp_service_accounts", GcpServiceAccounts);
        yield return ("host_groups", HostGroups);
        yield return ("host_sudoers", HostSudoers);
        yield return ("desktop_groups", DesktopGroups);
    }

    internal void Validate(string path)
    {
        foreach ((string field, ValueList<string> values) in TemplatedLists())
        {
            for (int i = 0; i < values.Count; i++)
            {
                CheckTemplate($"{path}.{field}[{i}]", values[i]);
            }
        }

        foreach ((string field, ValueMap<ValueList<string>> labels) in LabelSelectors())
        {
            LabelSelectorRules.Validate($"{path}.{field}", labels);
        }

        for (int i = 0; i < Rules.Count; i++)
        {
            Rules[i].Validate($"{path}.rules[{i}]");
        }

        for (int i = 0; i < KubernetesResources.Count; i++)
        {
            if (string.IsNullOrEmpty(KubernetesResources[i].Kind))
            {
                throw new ResourceValidationException($"{path}.kubernetes_resources[{i}].kind", "a kind is required (use '*' for every kind)");
            }
        }

        if (Impersonate is { } impersonate)
        {
            for (int i = 0; i < impersonate.Users.Count; i++)
            {
                CheckTemplate($"{path}.impersonate.users[{i}]", impersonate.Users[i]);
            }

            for (int i = 0; i < impersonate.Roles.Count; i++)
            {
                CheckTemplate($"{path}.impersonate.roles[{i}]", impersonate.Roles[i]);
            }
        }
    }

    private static void CheckTemplate(string path, string value)
    {
        if (!TraitTemplate.TryParse(value, out _, out string? problem))
        {
            throw new ResourceValidationException(path, problem);
        }
    }
}
