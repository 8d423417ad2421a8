using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Messages.Transport;

/// <summary>SSH_MSG_EXT_INFO (RFC 8308 §2.3): named extensions with opaque values.</summary>
internal sealed class ExtInfoMessage
{
    private const int MaxExtensions = 64;

    public required IReadOnlyDictionary<string, string> Extensions { get; init; }

    public static ExtInfoMessage Read(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload);
        reader.ReadMessageNumber();
        uint count = reader.ReadUInt32();
        if (count > MaxExtensions)
        {
            throw new SshProtocolException($"EXT_INFO with {count} extensions exceeds the limit of {MaxExtensions}");
        }

        var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        for (uint i = 0; i < count; i++)
        {
            string name = reader.ReadUtf8(256);
            extensions[name] = reader.ReadUtf8(16 * 1024);
        }

        return new ExtInfoMessage { Extensions = extensions };
    }

    public SshWriter Write()
    {
        SshWriter writer = SshWriter.ForPacket(MessageNumber.ExtInfo, 512);
        writer.WriteUInt32((uint)Extensions.Count);
        foreach (KeyValuePair<string, string> extension in Extensions)
        {
            writer.WriteString(extension.Key);
            writer.WriteString(extension.Value);
        }

        return writer;
    }
}
