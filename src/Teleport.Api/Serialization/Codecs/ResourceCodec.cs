using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Codecs;

/// <summary>
/// Resources to and from document trees: the shared header (<c>kind</c>, <c>sub_kind</c>,
/// <c>version</c>, <c>metadata</c>) and each kind's <c>spec</c>. Reading ends with the resource's
/// own <c>Validate</c>, its problems placed at the line and column of the field they name.
/// </summary>
internal static class ResourceCodec
{
    public static IReadOnlyList<string> Kinds { get; } =
        [ResourceKinds.User, ResourceKinds.Role, ResourceKinds.Token, ResourceKinds.CertAuthority, ResourceKinds.Node, ResourceKinds.ClusterName];

    public static IResource Read(DocNode document)
    {
        var context = new ReadContext();
        try
        {
            if (document is not MappingNode)
            {
                throw ReadContext.Error(string.Empty, document,
                    $"expected a resource (a mapping with kind, version, metadata and spec), found {document.Describe()}");
            }

            var top = new MappingReader(context, document, string.Empty);
            DocNode? kindNode = top.Take("kind");
            string kind = kindNode is null ? string.Empty : Scalars.Text(kindNode, "kind");
            string version = top.String("version") ?? string.Empty;
            string? subKind = top.String("sub_kind");
            Metadata metadata = top.Object("metadata", MetadataCodec.Read) ?? new Metadata { Name = string.Empty };
            IResource resource = kind switch
            {
                ResourceKinds.User => UserCodec.Read(top, version, subKind, metadata),
                ResourceKinds.Role => RoleCodec.Read(top, version, subKind, metadata),
                ResourceKinds.Token => ProvisionTokenCodec.Read(top, version, subKind, metadata),
                ResourceKinds.CertAuthority => CertAuthorityCodec.Read(top, version, subKind, metadata),
                ResourceKinds.Node => ServerCodec.Read(top, version, subKind, metadata),
                ResourceKinds.ClusterName => ClusterNameCodec.Read(top, version, subKind, metadata),
                "" => throw ReadContext.Error("kind", document, $"a kind is required ({string.Join(", ", Kinds)})"),
                _ => throw ReadContext.Error("kind", kindNode!, $"unknown kind \"{kind}\" (supported: {string.Join(", ", Kinds)})"),
            };
            top.Done();
            resource.Validate();
            return resource;
        }
        catch (ResourceValidationException e)
        {
            throw context.Locate(e);
        }
    }

    public static MappingNode Write(IResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var top = new MappingWriter();
        top.String("kind", resource.Kind);
        top.String("sub_kind", resource.SubKind);
        top.String("version", resource.Version);
        top.Object("metadata", MetadataCodec.Write(resource.Metadata), always: true);
        switch (resource)
        {
            case User user:
                UserCodec.Write(user, top);
                break;
            case Role role:
                RoleCodec.Write(role, top);
                break;
            case ProvisionToken token:
                ProvisionTokenCodec.Write(token, top);
                break;
            case CertAuthority authority:
                CertAuthorityCodec.Write(authority, top);
                break;
            case Server server:
                ServerCodec.Write(server, top);
                break;
            case ClusterName clusterName:
                ClusterNameCodec.Write(clusterName, top);
                break;
            default:
                throw new ArgumentException($"{resource.GetType().Name} is not a resource this library writes", nameof(resource));
        }

        return top.Node;
    }
}
