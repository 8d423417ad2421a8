namespace Teleport.Api.Types;

/// <summary>The <c>spec</c> of <see cref="ClusterName"/>.</summary>
public sealed record ClusterNameSpec
{
    public string ClusterName { get; init; } = string.Empty;

    public string? ClusterId { get; init; }
}
