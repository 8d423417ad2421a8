namespace Teleport.Api.Types;

/// <summary>An OIDC, SAML or GitHub identity linked to a user: the connector and the user's name there.</summary>
public sealed record ExternalIdentity
{
    public string? ConnectorId { get; init; }

    public string? Username { get; init; }

    /// <summary>Written <c>samlSingleLogoutUrl</c>, Teleport's one camel-case field.</summary>
    public string? SamlSingleLogoutUrl { get; init; }

    public string? UserId { get; init; }
}
