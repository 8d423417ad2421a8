namespace Teleport.Api.Types;

/// <summary>The <c>spec</c> of a <see cref="User"/>.</summary>
public sealed record UserSpec
{
    /// <summary>The names of the roles assigned to the user.</summary>
    public ValueList<string> Roles { get; init; } = ValueList<string>.Empty;

    /// <summary>
    /// Trait name to values: <c>logins</c>, <c>windows_logins</c>, <c>kubernetes_groups</c>,
    /// <c>kubernetes_users</c>, <c>db_users</c>, ... for local users, or the claims an identity
    /// provider sent. Role templates read them as <c>{{internal.logins}}</c> or <c>{{external.x}}</c>.
    /// </summary>
    public ValueMap<ValueList<string>> Traits { get; init; } = ValueMap<ValueList<string>>.Empty;

    /// <summary>Whether the user is locked out, e.g. after too many failed logins (<c>spec.status</c>).</summary>
    public LoginStatus Status { get; init; } = new();

    /// <summary>When the user is removed; SSO users expire with their session.</summary>
    public DateTimeOffset? Expires { get; init; }

    public CreatedBy? CreatedBy { get; init; }

    public ValueList<ExternalIdentity> OidcIdentities { get; init; } = ValueList<ExternalIdentity>.Empty;

    public ValueList<ExternalIdentity> SamlIdentities { get; init; } = ValueList<ExternalIdentity>.Empty;

    public ValueList<ExternalIdentity> GithubIdentities { get; init; } = ValueList<ExternalIdentity>.Empty;

    /// <summary>Managed by the device trust subsystem.</summary>
    public ValueList<string> TrustedDeviceIds { get; init; } = ValueList<string>.Empty;
}
