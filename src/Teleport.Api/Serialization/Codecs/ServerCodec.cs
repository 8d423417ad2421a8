using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Codecs;

/// <summary>The <c>node</c> resource's fields (api/types ServerV2, ServerSpecV2, CommandLabelV2).</summary>
internal static class ServerCodec
{
    public static Server Read(MappingReader top, string version, string? subKind, Metadata metadata) => new()
    {
        Version = version,
        SubKind = subKind,
        Metadata = metadata,
        Spec = top.Object("spec", static spec =>
        {
            spec.NotSupported("rotation", "CA rotation state is not supported by this Teleport implementation yet");
            spec.NotSupported("cloud_metadata", "cloud metadata is not supported by this Teleport implementation yet");
            spec.NotSupported("github", "GitHub proxy servers are not supported by this Teleport implementation");
            return new ServerSpec
            {
                Addr = spec.String("addr"),
                Hostname = spec.String("hostname"),
                CmdLabels = spec.ObjectMap("cmd_labels", static label => new CommandLabel
                {
                    Period = label.Duration("period"),
                    Command = label.Strings("command"),
                    Result = label.String("result") ?? string.Empty,
                }),
                UseTunnel = spec.Bool("use_tunnel"),
                Version = spec.String("version"),
                PeerAddr = spec.String("peer_addr"),
                ProxyIds = spec.Strings("proxy_ids"),
                PublicAddrs = spec.Strings("public_addrs"),
            };
        }) ?? new ServerSpec(),
    };

    public static void Write(Server server, MappingWriter top)
    {
        ServerSpec spec = server.Spec;
        var fields = new MappingWriter();
        fields.String("addr", spec.Addr);
        fields.String("hostname", spec.Hostname);
        fields.ObjectMap("cmd_labels", spec.CmdLabels, static label =>
        {
            var labelFields = new MappingWriter();

            // Teleport writes period, command and result always (no omitempty).
            labelFields.Duration("period", label.Period, always: true);
            labelFields.Raw("command", Texts(label.Command));
            labelFields.String("result", label.Result);
            return labelFields;
        });
        fields.Bool("use_tunnel", spec.UseTunnel);
        fields.String("version", spec.Version);
        fields.String("peer_addr", spec.PeerAddr);
        fields.Strings("proxy_ids", spec.ProxyIds);
        fields.Strings("public_addrs", spec.PublicAddrs);
        top.Object("spec", fields, always: true);
    }

    private static SequenceNode Texts(ValueList<string> values)
    {
        var sequence = new SequenceNode();
        foreach (string value in values)
        {
            sequence.Items.Add(ScalarNode.Text(value));
        }

        return sequence;
    }
}
