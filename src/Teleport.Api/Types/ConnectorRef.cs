namespace Teleport.Api.Types;

/// <summary>The SSO connector that created a user: its <c>type</c> (oidc, saml, github), <c>id</c> and the <c>identity</c> it vouched for.</summary>
public sealed record ConnectorRef
{
    public string? Type { get; init; }

    public string? Id { get; init; }

    public string? Identity { get; init; }
}
