namespace Teleport.Api.Types;

/// <summary>A <c>join_sessions</c> policy: whose sessions (by their <c>roles</c>) holders may join, in which <c>modes</c>.</summary>
public sealed record SessionJoinPolicy
{
    public string Name { get; init; } = string.Empty;

    public ValueList<string> Roles { get; init; } = ValueList<string>.Empty;

    public ValueList<string> Kinds { get; init; } = ValueList<string>.Empty;

    public ValueList<string> Modes { get; init; } = ValueList<string>.Empty;
}
