namespace Teleport.Api.Types;

/// <summary>The <c>spec</c> of a <see cref="CertAuthority"/>.</summary>
public sealed record CertAuthoritySpec
{
    /// <summary><c>host</c>, <c>user</c>, <c>db</c>, ... (<see cref="CertAuthTypes"/>).</summary>
    public string Type { get; init; } = string.Empty;

    public string ClusterName { get; init; } = string.Empty;

    public CAKeySet ActiveKeys { get; init; } = new();

    public CAKeySet AdditionalTrustedKeys { get; init; } = new();

    /// <summary>For a trusted cluster's CA: the local roles its users get.</summary>
    public ValueList<string> Roles { get; init; } = ValueList<string>.Empty;

    /// <summary>For a trusted cluster's CA: remote role to local roles.</summary>
    public ValueList<RoleMapping> RoleMap { get; init; } = ValueList<RoleMapping>.Empty;
}
