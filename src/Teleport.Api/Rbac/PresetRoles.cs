using Teleport.Api.Types;

namespace Teleport.Api.Rbac;

/// <summary>
/// Teleport's preset roles, created by the Auth service on first start
/// (https://goteleport.com/docs/reference/access-controls/roles/#preset-roles, lib/services/presets.go):
/// <c>access</c> to reach resources with the user's own logins, <c>editor</c> to manage the
/// cluster's configuration, <c>auditor</c> to read the audit log and replay sessions.
/// </summary>
public static class PresetRoles
{
    public const string AccessName = "access";
    public const string EditorName = "editor";
    public const string AuditorName = "auditor";

    /// <summary>Teleport marks preset resources with this label (types.TeleportInternalResourceType).</summary>
    public const string ResourceTypeLabel = "teleport.internal/resource-type";

    /// <summary>
    /// Every node, app, cluster, database and desktop (<c>'*': '*'</c>), as the logins and other
    /// principals in the user's own traits (<c>{{internal.logins}}</c>, ...); may read the audit
    /// log events and the recordings of sessions the user took part in.
    /// </summary>
    public static Role Access() => Preset(AccessName, "Access cluster resources", new RoleSpec
    {
        Options = BaseOptions(forwardAgent: true, recordDesktop: true, portForwarding: true, enhancedRecording: true),
        Allow = new RoleConditions
        {
            Logins = ["{{internal.logins}}"],
            WindowsDesktopLogins = ["{{internal.windows_logins}}"],
            KubernetesUsers = ["{{internal.kubernetes_users}}"],
            KubernetesGroups = ["{{internal.kubernetes_groups}}"],
            AwsRoleArns = ["{{internal.aws_role_arns}}"],
            AzureIdentities = ["{{internal.azure_identities}}"],
            GcpServiceAccounts = ["{{internal.gcp_service_accounts}}"],
            DatabaseNames = ["{{internal.db_names}}"],
            DatabaseUsers = ["{{internal.db_users}}"],
            DatabaseRoles = ["{{internal.db_roles}}"],
            NodeLabels = Everything,
            AppLabels = Everything,
            KubernetesLabels = Everything,
            WindowsDesktopLabels = Everything,
            DatabaseLabels = Everything,
            DatabaseServiceLabels = Everything,
            KubernetesResources = [new KubernetesResource { Kind = "*", Namespace = "*", Name = "*", Verbs = ["*"] }],
            Rules =
            [
                new Rule { Resources = [ResourceKinds.Event], Verbs = Verbs.ReadOnly },
                new Rule
                {
                    Resources = [ResourceKinds.Session],
                    Verbs = [Verbs.Read, Verbs.List],
                    Where = "contains(session.participants, user.metadata.name)",
                },
                new Rule { Resources = ["instance"], Verbs = Verbs.ReadOnly },
                new Rule { Resources = ["cluster_maintenance_config"], Verbs = Verbs.ReadOnly },
            ],
        },
    });

    /// <summary>
    /// Read and write the cluster's configuration: users, roles, tokens, connectors, trusted
    /// clusters, nodes, locks and the cluster-wide settings. No logins.
    /// </summary>
    public static Role Editor() => Preset(EditorName, "Edit cluster configuration", new RoleSpec
    {
        Options = BaseOptions(forwardAgent: true, recordDesktop: false, portForwarding: true, enhancedRecording: true),
        Allow = new RoleConditions
        {
            Rules =
            [
                .. ReadWrite(
                    ResourceKinds.User, ResourceKinds.Role, "bot", "oidc", "saml", "github", "oidc_request",
                    "saml_request", "github_request", "cluster_audit_config", "cluster_auth_preference",
                    ResourceKinds.AuthConnector, ResourceKinds.ClusterName, "cluster_networking_config",
                    "session_recording_config", "ui_config", ResourceKinds.TrustedCluster, "remote_cluster",
                    ResourceKinds.Token, "connection_diagnostic", "db", "installer", "login_rule",
                    ResourceKinds.Lock, "cluster_alert", "access_list", ResourceKinds.Node, "discovery_config",
                    "server_info", "app_server", "static_host_user", "user_task"),
                new Rule { Resources = ["database_certificate"], Verbs = Verbs.ReadWrite },
                new Rule { Resources = ["device"], Verbs = [.. Verbs.ReadWrite, "create_enroll_token", "enroll"] },
                new Rule { Resources = ["db_service", "instance"], Verbs = Verbs.ReadOnly },
                new Rule { Resources = ["integration", "security_report", "audit_query"], Verbs = [.. Verbs.ReadWrite, Verbs.Use] },
            ],
        },
    });

    /// <summary>Read the audit log and active sessions, replay recordings; no logins anywhere.</summary>
    /// <param name="noLoginId">Makes the role's placeholder login unique, as Teleport does with a random UUID; a fresh one when null.</param>
    public static Role Auditor(Guid? noLoginId = null) => Preset(AuditorName, "Review cluster events and replay sessions", new RoleSpec
    {
        Options = BaseOptions(forwardAgent: false, recordDesktop: false, portForwarding: null, enhancedRecording: false),
        Allow = new RoleConditions
        {
            // A login no OS account has: the role grants none, but certificates need a principal.
            Logins = ["no-login-" + (noLoginId ?? Guid.NewGuid()).ToString()],
            Rules =
            [
                new Rule { Resources = [ResourceKinds.Session], Verbs = Verbs.ReadOnly },
                new Rule { Resources = [ResourceKinds.Event], Verbs = Verbs.ReadOnly },
                new Rule { Resources = [ResourceKinds.SessionTracker], Verbs = Verbs.ReadOnly },
                new Rule { Resources = ["cluster_alert"], Verbs = Verbs.ReadOnly },
                new Rule { Resources = ["instance"], Verbs = Verbs.ReadOnly },
                new Rule { Resources = ["security_report", "audit_query"], Verbs = [.. Verbs.ReadOnly, Verbs.Use] },
            ],
        },
    });

    /// <summary>The three presets, as the Auth service creates them.</summary>
    public static IReadOnlyList<Role> All() => [Access(), Editor(), Auditor()];

    private static ValueMap<ValueList<string>> Everything => ValueMap.Of(("*", ["*"]));

    private static Role Preset(string name, string description, RoleSpec spec) => new()
    {
        Metadata = new Metadata
        {
            Name = name,
            Description = description,
            Labels = [new(ResourceTypeLabel, "preset")],
        },
        Spec = spec,
    };

    private static RoleOptions BaseOptions(bool forwardAgent, bool recordDesktop, bool? portForwarding, bool enhancedRecording) => new()
    {
        CertFormat = CertificateFormats.Standard,
        MaxSessionTtl = RoleOptions.DefaultMaxSessionTtl,
        ForwardAgent = forwardAgent,
        PortForwarding = portForwarding,
        EnhancedRecording = enhancedRecording ? ["command", "network"] : ValueList<string>.Empty,
        RecordSession = new RecordSession { Desktop = recordDesktop },
    };

    private static IEnumerable<Rule> ReadWrite(params string[] resources) =>
        resources.Select(static resource => new Rule { Resources = [resource], Verbs = Verbs.ReadWrite });
}
