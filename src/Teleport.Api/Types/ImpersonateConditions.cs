namespace Teleport.Api.Types;

/// <summary>A role's <c>impersonate</c> section: which <c>users</c> and <c>roles</c> its holders may issue certificates for.</summary>
public sealed record ImpersonateConditions
{
    public ValueList<string> Users { get; init; } = ValueList<string>.Empty;

    public ValueList<string> Roles { get; init; } = ValueList<string>.Empty;

    public string? Where { get; init; }
}
