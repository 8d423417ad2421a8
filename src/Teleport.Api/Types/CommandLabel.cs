namespace Teleport.Api.Types;

/// <summary>A dynamic label: <c>command</c> (program and arguments) run every <c>period</c>; <c>result</c> is its trimmed output.</summary>
public sealed record CommandLabel
{
    public Duration Period { get; init; }

    public ValueList<string> Command { get; init; } = ValueList<string>.Empty;

    public string Result { get; init; } = string.Empty;
}
