namespace Teleport.Api.Types;

/// <summary>
/// A Teleport resource: the <c>kind</c> / <c>version</c> / <c>metadata</c> / <c>spec</c> layout
/// that <c>tctl get</c> writes and <c>tctl create -f</c> reads
/// (https://goteleport.com/docs/reference/resources/).
/// </summary>
public interface IResource
{
    /// <summary>The resource kind, e.g. <c>role</c>, <c>user</c>, <c>node</c>.</summary>
    string Kind { get; }

    /// <summary>An optional refinement of the kind, e.g. a cert_authority's type.</summary>
    string? SubKind { get; }

    /// <summary>The schema version, e.g. <c>v7</c> for roles.</summary>
    string Version { get; }

    Metadata Metadata { get; }

    /// <summary>Checks the values a parser cannot: required fields, allowed words, templates. Throws <see cref="ResourceValidationException"/>.</summary>
    void Validate();
}
