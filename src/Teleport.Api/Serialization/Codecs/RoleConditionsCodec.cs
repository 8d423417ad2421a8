using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Codecs;

/// <summary>A role's <c>spec.allow</c> and <c>spec.deny</c> (api/types RoleConditions), in Teleport's field order.</summary>
internal static class RoleConditionsCodec
{
    public static RoleConditions Read(MappingReader conditions)
    {
        const string NotCarried = "this field is not supported by this Teleport implementation yet";
        conditions.NotSupported("db_permissions", NotCarried);
        conditions.NotSupported("spiffe", NotCarried);
        conditions.NotSupported("account_assignments", NotCarried);
        conditions.NotSupported("github_permissions", NotCarried);

        // "namespaces" is json:"-" in Teleport: never in YAML; refuse it like any unknown field.
        return new RoleConditions
        {
            Logins = conditions.Strings("logins"),
            NodeLabels = conditions.Labels("node_labels"),
            Rules = conditions.Objects("rules", static rule => new Rule
            {
                Resources = rule.Strings("resources"),
                Verbs = rule.Strings("verbs"),
                Where = rule.String("where"),
                Actions = rule.Strings("actions"),
            }),
            KubernetesGroups = conditions.Strings("kubernetes_groups"),
            Request = conditions.Object("request", static request => new AccessRequestConditions
            {
                Roles = request.Strings("roles"),
                ClaimsToRoles = request.Objects("claims_to_roles", ReadClaimMapping),
                Annotations = request.Traits("annotations"),
                Thresholds = request.Objects("thresholds", static threshold => new AccessReviewThreshold
                {
                    Name = threshold.String("name"),
                    Filter = threshold.String("filter"),
                    Approve = threshold.Long("approve"),
                    Deny = threshold.Long("deny"),
                }),
                SuggestedReviewers = request.Strings("suggested_reviewers"),
                SearchAsRoles = request.Strings("search_as_roles"),
                MaxDuration = request.Duration("max_duration"),
            }),
            KubernetesUsers = conditions.Strings("kubernetes_users"),
            AppLabels = conditions.Labels("app_labels"),
            ClusterLabels = conditions.Labels("cluster_labels"),
            KubernetesLabels = conditions.Labels("kubernetes_labels"),
            DatabaseLabels = conditions.Labels("db_labels"),
            DatabaseNames = conditions.Strings("db_names"),
            DatabaseUsers = conditions.Strings("db_users"),
            Impersonate = conditions.Object("impersonate", static impersonate => new ImpersonateConditions
            {
                Users = impersonate.Strings("users"),
                Roles = impersonate.Strings("roles"),
                Where = impersonate.String("where"),
            }),
            ReviewRequests = conditions.Object("review_requests", static review => new AccessReviewConditions
            {
                Roles = review.Strings("roles"),
                ClaimsToRoles = review.Objects("claims_to_roles", ReadClaimMapping),
                Where = review.String("where"),
                PreviewAsRoles = review.Strings("preview_as_roles"),
            }),
            AwsRoleArns = conditions.Strings("aws_role_arns"),
            WindowsDesktopLogins = conditions.Strings("windows_desktop_logins"),
            WindowsDesktopLabels = conditions.Labels("windows_desktop_labels"),
            RequireSessionJoin = conditions.Objects("require_session_join", static policy => new SessionRequirePolicy
            {
                Name = policy.String("name") ?? string.Empty,
                Filter = policy.String("filter") ?? string.Empty,
                Kinds = policy.Strings("kinds"),
                Count = policy.Long("count"),
                Modes = policy.Strings("modes"),
                OnLeave = policy.String("on_leave"),
            }),
            JoinSessions = conditions.Objects("join_sessions", static policy => new SessionJoinPolicy
            {
                Name = policy.String("name") ?? string.Empty,
                Roles = policy.Strings("roles"),
                Kinds = policy.Strings("kinds"),
                Modes = policy.Strings("modes"),
            }),
            HostGroups = conditions.Strings("host_groups"),
            HostSudoers = conditions.Strings("host_sudoers"),
            AzureIdentities = conditions.Strings("azure_identities"),
            KubernetesResources = conditions.Objects("kubernetes_resources", static resource => new KubernetesResource
            {
                Kind = resource.String("kind"),
                Namespace = resource.String("namespace"),
                Name = resource.String("name"),
                Verbs = resource.Strings("verbs"),
            }),
            GcpServiceAccounts = conditions.Strings("gcp_service_accounts"),
            DatabaseServiceLabels = conditions.Labels("db_service_labels"),
            GroupLabels = conditions.Labels("group_labels"),
            DesktopGroups = conditions.Strings("desktop_groups"),
            DatabaseRoles = conditions.Strings("db_roles"),
            NodeLabelsExpression = conditions.String("node_labels_expression"),
            AppLabelsExpression = conditions.String("app_labels_expression"),
            ClusterLabelsExpression = conditions.String("cluster_labels_expression"),
            KubernetesLabelsExpression = conditions.String("kubernetes_labels_expression"),
            DatabaseLabelsExpression = conditions.String("db_labels_expression"),
            DatabaseServiceLabelsExpression = conditions.String("db_service_labels_expression"),
            WindowsDesktopLabelsExpression = conditions.String("windows_desktop_labels_expression"),
            GroupLabelsExpression = conditions.String("group_labels_expression"),
            WorkloadIdentityLabels = conditions.Labels("workload_identity_labels"),
            WorkloadIdentityLabelsExpression = conditions.String("workload_identity_labels_expression"),
        };
    }

    public static MappingWriter Write(RoleConditions conditions)
    {
        var fields = new MappingWriter();
        fields.Strings("logins", conditions.Logins);
        fields.Labels("node_labels", conditions.NodeLabels);
        fields.Objects("rules", conditions.Rules, static rule =>
        {
            var ruleFields = new MappingWriter();
            ruleFields.Strings("resources", rule.Resources);
            ruleFields.Strings("verbs", rule.Verbs);
            ruleFields.String("where", rule.Where);
            ruleFields.Strings("actions", rule.Actions);
            return ruleFields;
        });
        fields.Strings("kubernetes_groups", conditions.KubernetesGroups);
        if (conditions.Request is { } request)
        {
            var requestFields = new MappingWriter();
            requestFields.Strings("roles", request.Roles);
            requestFields.Objects("claims_to_roles", request.ClaimsToRoles, WriteClaimMapping);
            requestFields.Traits("annotations", request.Annotations);
            requestFields.Objects("thresholds", request.Thresholds, static threshold =>
            {
                var thresholdFields = new MappingWriter();
                thresholdFields.String("name", threshold.Name);
                thresholdFields.String("filter", threshold.Filter);
                thresholdFields.Long("approve", threshold.Approve);
                thresholdFields.Long("deny", threshold.Deny);
                return thresholdFields;
            });
            requestFields.Strings("suggested_reviewers", request.SuggestedReviewers);
            requestFields.Strings("search_as_roles", request.SearchAsRoles);
            requestFields.Duration("max_duration", request.MaxDuration);
            fields.Object("request", requestFields, always: true);
        }

        fields.Strings("kubernetes_users", conditions.KubernetesUsers);
        fields.Labels("app_labels", conditions.AppLabels);
        fields.Labels("cluster_labels", conditions.ClusterLabels);
        fields.Labels("kubernetes_labels", conditions.KubernetesLabels);
        fields.Labels("db_labels", conditions.DatabaseLabels);
        fields.Strings("db_names", conditions.DatabaseNames);
        fields.Strings("db_users", conditions.DatabaseUsers);
        if (conditions.Impersonate is { } impersonate)
        {
            var impersonateFields = new MappingWriter();
            impersonateFields.Strings("users", impersonate.Users);
            impersonateFields.Strings("roles", impersonate.Roles);
            impersonateFields.String("where", impersonate.Where);
            fields.Object("impersonate", impersonateFields, always: true);
        }

        if (conditions.ReviewRequests is { } review)
        {
            var reviewFields = new MappingWriter();
            reviewFields.Strings("roles", review.Roles);
            reviewFields.Objects("claims_to_roles", review.ClaimsToRoles, WriteClaimMapping);
            reviewFields.String("where", review.Where);
            reviewFields.Strings("preview_as_roles", review.PreviewAsRoles);
            fields.Object("review_requests", reviewFields, always: true);
        }

        fields.Strings("aws_role_arns", conditions.AwsRoleArns);
        fields.Strings("windows_desktop_logins", conditions.WindowsDesktopLogins);
        fields.Labels("windows_desktop_labels", conditions.WindowsDesktopLabels);
        fields.Objects("require_session_join", conditions.RequireSessionJoin, static policy =>
        {
            var policyFields = new MappingWriter();
            policyFields.String("name", policy.Name);
            policyFields.String("filter", policy.Filter);
            policyFields.Strings("kinds", policy.Kinds);
            policyFields.Long("count", policy.Count, always: true);
            policyFields.Strings("modes", policy.Modes);
            policyFields.String("on_leave", policy.OnLeave);
            return policyFields;
        });
        fields.Objects("join_sessions", conditions.JoinSessions, static policy =>
        {
            var policyFields = new MappingWriter();
            policyFields.String("name", policy.Name);
            policyFields.Strings("roles", policy.Roles);
            policyFields.Strings("kinds", policy.Kinds);
            policyFields.Strings("modes", policy.Modes);
            return policyFields;
        });
        fields.Strings("host_groups", conditions.HostGroups);
        fields.Strings("host_sudoers", conditions.HostSudoers);
        fields.Strings("azure_identities", conditions.AzureIdentities);
        fields.Objects("kubernetes_resources", conditions.KubernetesResources, static resource =>
        {
            var resourceFields = new MappingWriter();
            resourceFields.String("kind", resource.Kind);
            resourceFields.String("namespace", resource.Namespace);
            resourceFields.String("name", resource.Name);
            resourceFields.Strings("verbs", resource.Verbs);
            return resourceFields;
        });
        fields.Strings("gcp_service_accounts", conditions.GcpServiceAccounts);
        fields.Labels("db_service_labels", conditions.DatabaseServiceLabels);
        fields.Labels("group_labels", conditions.GroupLabels);
        fields.Strings("desktop_groups", conditions.DesktopGroups);
        fields.Strings("db_roles", conditions.DatabaseRoles);
        fields.String("node_labels_expression", conditions.NodeLabelsExpression);
        fields.String("app_labels_expression", conditions.AppLabelsExpression);
        fields.String("cluster_labels_expression", conditions.ClusterLabelsExpression);
        fields.String("kubernetes_labels_expression", conditions.KubernetesLabelsExpression);
        fields.String("db_labels_expression", conditions.DatabaseLabelsExpression);
        fields.String("db_service_labels_expression", conditions.DatabaseServiceLabelsExpression);
        fields.String("windows_desktop_labels_expression", conditions.WindowsDesktopLabelsExpression);
        fields.String("group_labels_expression", conditions.GroupLabelsExpression);
        fields.Labels("workload_identity_labels", conditions.WorkloadIdentityLabels);
        fields.String("workload_identity_labels_expression", conditions.WorkloadIdentityLabelsExpression);
        return fields;
    }

    private static ClaimMapping ReadClaimMapping(MappingReader mapping) => new()
    {
        Claim = mapping.String("claim") ?? string.Empty,
        Value = mapping.String("value") ?? string.Empty,
        Roles = mapping.Strings("roles"),
    };

    private static MappingWriter WriteClaimMapping(ClaimMapping mapping)
    {
        var fields = new MappingWriter();
        fields.String("claim", mapping.Claim);
        fields.String("value", mapping.Value);
        fields.Strings("roles", mapping.Roles);
        return fields;
    }
}
