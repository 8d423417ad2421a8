namespace Teleport.Api.Types;

/// <summary>Values of a cert_authority's <c>spec.type</c> (api/types/trust.go).</summary>
public static class CertAuthTypes
{
    /// <summary>Signs host certificates of nodes and proxies.</summary>
    public const string Host = "host";

    /// <summary>Signs users' SSH and TLS certificates.</summary>
    public const string User = "user";

    /// <summary>Signs certificates databases trust.</summary>
    public const string Database = "db";

    public static IReadOnlyList<string> All { get; } =
        [Host, User, Database, "db_client", "openssh", "jwt", "saml_idp", "oidc_idp", "spiffe", "okta", "awsra", "bound_keypair"];
}
