using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Codecs;

/// <summary>The <c>cluster_name</c> resource's fields (api/types ClusterNameV2).</summary>
internal static class ClusterNameCodec
{
    public static ClusterName Read(MappingReader top, string version, string? subKind, Metadata metadata) => new()
    {
        Version = version,
        SubKind = subKind,
        Metadata = metadata,
        Spec = top.Object("spec", static spec => new ClusterNameSpec
        {
            ClusterName = spec.String("cluster_name") ?? string.Empty,
            ClusterId = spec.String("cluster_id"),
        }) ?? new ClusterNameSpec(),
    };

    public static void Write(ClusterName clusterName, MappingWriter top)
    {
        var fields = new MappingWriter();
        fields.String("cluster_name", clusterName.Spec.ClusterName);
        fields.String("cluster_id", clusterName.Spec.ClusterId);
        top.Object("spec", fields, always: true);
    }
}
