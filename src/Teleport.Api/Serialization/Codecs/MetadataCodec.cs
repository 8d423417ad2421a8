using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Codecs;

/// <summary>The <c>metadata</c> section every resource shares (api/types Metadata).</summary>
internal static class MetadataCodec
{
    public static Metadata Read(MappingReader fields)
    {
        // Older dumps carry "namespace: default"; Teleport has one namespace and ignores it.
        if (fields.String("namespace") is { } ns && ns != "default")
        {
            throw new ResourceValidationException(fields.PathOf("namespace"), $"namespace \"{ns}\" does not exist; Teleport has only \"default\"");
        }

        return new Metadata
        {
            Name = fields.String("name") ?? string.Empty,
            Description = fields.String("description"),
            Labels = fields.StringMap("labels"),
            Expires = fields.Time("expires"),
            Revision = fields.String("revision"),
        };
    }

    public static MappingWriter Write(Metadata metadata)
    {
        var fields = new MappingWriter();
        fields.String("name", metadata.Name);
        fields.String("description", metadata.Description);
        fields.StringMap("labels", metadata.Labels);
        fields.Time("expires", metadata.Expires);
        fields.String("revision", metadata.Revision);
        return fields;
    }
}
