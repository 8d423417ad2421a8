namespace Teleport.Api.Types;

/// <summary>Maps an identity provider <c>claim</c> with a <c>value</c> (literal or <c>^regex$</c>) to <c>roles</c>.</summary>
public sealed record ClaimMapping
{
    public string Claim { get; init; } = string.Empty;

    public string Value { get; init; } = string.Empty;

    public ValueList<string> Roles { get; init; } = ValueList<string>.Empty;
}
