namespace Teleport.Api.Types;

/// <summary>Maps a <c>remote</c> role of a trusted cluster to <c>local</c> roles.</summary>
public sealed record RoleMapping
{
    public string Remote { get; init; } = string.Empty;

    public ValueList<string> Local { get; init; } = ValueList<string>.Empty;
}
