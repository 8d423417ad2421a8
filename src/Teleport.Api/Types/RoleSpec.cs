namespace Teleport.Api.Types;

/// <summary>The <c>spec</c> of a <see cref="Role"/>.</summary>
public sealed record RoleSpec
{
    public RoleOptions Options { get; init; } = new();

    /// <summary>What the role grants.</summary>
    public RoleConditions Allow { get; init; } = new();

    /// <summary>What the role takes away, from this and every other role the user holds; evaluated first.</summary>
    public RoleConditions Deny { get; init; } = new();
}
