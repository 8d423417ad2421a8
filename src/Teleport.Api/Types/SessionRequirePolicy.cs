namespace Teleport.Api.Types;

/// <summary>A moderated-session policy (<c>require_session_join</c>): who must join before a session starts.</summary>
public sealed record SessionRequirePolicy
{
    public string Name { get; init; } = string.Empty;

    public string Filter { get; init; } = string.Empty;

    public ValueList<string> Kinds { get; init; } = ValueList<string>.Empty;

    public long Count { get; init; }

    public ValueList<string> Modes { get; init; } = ValueList<string>.Empty;

    /// <summary><c>terminate</c> or <c>pause</c> when a required participant leaves.</summary>
    public string? OnLeave { get; init; }
}
