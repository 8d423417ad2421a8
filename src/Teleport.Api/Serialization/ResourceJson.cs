using System.Text;
using Teleport.Api.Serialization.Codecs;
using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization;

/// <summary>
/// Resources as JSON, the form the Auth API carries and <c>tctl get --format=json</c> prints
/// (an array of resources). Fields are in Teleport's declaration order with empty ones left out;
/// durations are Go duration strings, times RFC 3339, key material base64. Reading has the same
/// strictness and messages as <see cref="ResourceYaml"/>.
/// </summary>
public static class ResourceJson
{
    public static IResource Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(Encoding.UTF8.GetBytes(json));
    }

    public static IResource Read(ReadOnlySpan<byte> utf8Json) => ResourceCodec.Read(JsonDocuments.Read(utf8Json));

    public static T Read<T>(string json)
        where T : IResource => ResourceYaml.Expect<T>(Read(json));

    /// <summary>A JSON array of resources, or a single resource object.</summary>
    public static IReadOnlyList<IResource> ReadAll(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        DocNode root = JsonDocuments.Read(Encoding.UTF8.GetBytes(json));
        return root is SequenceNode array
            ? [.. array.Items.Select(ResourceCodec.Read)]
            : [ResourceCodec.Read(root)];
    }

    public static string Write(IResource resource, bool indented = false) =>
        JsonDocuments.Write(ResourceCodec.Write(resource), indented);

    /// <summary>An array, as <c>tctl get --format=json</c> prints.</summary>
    public static string WriteAll(IEnumerable<IResource> resources, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var array = new SequenceNode();
        array.Items.AddRange(resources.Select(ResourceCodec.Write));
        return JsonDocuments.Write(array, indented);
    }
}
