namespace Teleport.Api.Types;

/// <summary>The <c>kind</c> of each resource, as Teleport spells it (api/types/constants.go).</summary>
public static class ResourceKinds
{
    public const string User = "user";
    public const string Role = "role";
    public const string Token = "token";
    public const string CertAuthority = "cert_authority";
    public const string Node = "node";
    public const string ClusterName = "cluster_name";

    /// <summary>Kinds that appear only in RBAC rules (<c>resources: [session]</c>), not as resources of this library.</summary>
    public const string Session = "session";
    public const string Event = "event";
    public const string SessionTracker = "session_tracker";
    public const string AuthConnector = "auth_connector";
    public const string TrustedCluster = "trusted_cluster";
    public const string Lock = "lock";
}
