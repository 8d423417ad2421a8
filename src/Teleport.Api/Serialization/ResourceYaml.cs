using Teleport.Api.Serialization.Codecs;
using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization;

/// <summary>
/// Resources as YAML, the way <c>tctl get</c> writes them and <c>tctl create -f</c> reads them:
/// one document per resource, several separated by <c>---</c>, keys in alphabetical order.
/// Reading refuses unknown fields and wrong types with a <see cref="ResourceValidationException"/>
/// that names the field and its line and column; no other exception escapes for bad input.
/// </summary>
public static class ResourceYaml
{
    /// <summary>Every resource in a (multi-document) YAML text; empty documents are skipped.</summary>
    public static IReadOnlyList<IResource> ReadAll(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var resources = new List<IResource>();
        foreach (DocNode? document in YamlDocuments.Read(yaml))
        {
            if (document is not null and not ScalarNode { IsNull: true })
            {
                resources.Add(ResourceCodec.Read(document));
            }
        }

        return resources;
    }

    /// <summary>The one resource in a YAML text; none or several is a <see cref="ResourceValidationException"/>.</summary>
    public static IResource Read(string yaml)
    {
        IReadOnlyList<IResource> resources = ReadAll(yaml);
        return resources.Count == 1
            ? resources[0]
            : throw new ResourceValidationException(string.Empty, resources.Count == 0
                ? "the text holds no resource"
                : $"the text holds {resources.Count} resources where one was expected");
    }

    /// <summary>The one resource in a YAML text, which must be of kind <typeparamref name="T"/>.</summary>
    public static T Read<T>(string yaml)
        where T : IResource => Expect<T>(Read(yaml));

    public static string Write(IResource resource) => Write([resource]);

    /// <summary>The resources as one YAML stream, <c>---</c> between documents.</summary>
    public static string Write(IEnumerable<IResource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return YamlDocuments.Write(resources.Select(ResourceCodec.Write));
    }

    internal static T Expect<T>(IResource resource)
        where T : IResource =>
        resource is T typed
            ? typed
            : throw new ResourceValidationException("kind", $"expected a {KindOf(typeof(T))}, found a {resource.Kind}");

    private static string KindOf(Type type) => type.Name switch
    {
        nameof(User) => ResourceKinds.User,
        nameof(Role) => ResourceKinds.Role,
        nameof(ProvisionToken) => ResourceKinds.Token,
        nameof(CertAuthority) => ResourceKinds.CertAuthority,
        nameof(Server) => ResourceKinds.Node,
        nameof(ClusterName) => ResourceKinds.ClusterName,
        _ => type.Name,
    };
}
