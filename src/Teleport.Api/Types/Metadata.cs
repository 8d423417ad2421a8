namespace Teleport.Api.Types;

/// <summary>
/// The <c>metadata</c> every resource carries: a <c>name</c> unique within its kind, an optional
/// <c>description</c>, <c>labels</c> (for a node, its static labels, which roles match with
/// <c>node_labels</c>), an optional <c>expires</c> time after which the resource is gone, and the
/// backend's opaque <c>revision</c>.
/// </summary>
public sealed record Metadata
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public ValueMap<string> Labels { get; init; } = ValueMap<string>.Empty;

    public DateTimeOffset? Expires { get; init; }

    /// <summary>Set by the backend on every write; clients send back what they read.</summary>
    public string? Revision { get; init; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ResourceValidationException("metadata.name", "a name is required");
        }

        foreach (string key in Labels.Keys)
        {
            if (key.Length == 0)
            {
                throw new ResourceValidationException("metadata.labels", "a label name must not be empty");
            }
        }
    }
}
