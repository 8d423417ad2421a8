using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Messages.Transport;

/// <summary>SSH_MSG_DISCONNECT (RFC 4253 §11.1).</summary>
internal readonly record struct DisconnectMessage(DisconnectReason Reason, string Description)
{
    public static DisconnectMessage Read(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload);
        reader.ReadMessageNumber();
        var reason = (DisconnectReason)reader.ReadUInt32();
        string description = reader.ReadUtf8(4096);
        return new DisconnectMessage(reason, description);
    }

    public SshWriter Write()
    {
        SshWriter writer = SshWriter.ForPacket(MessageNumber.Disconnect);
        writer.WriteUInt32((uint)Reason);
        writer.WriteString(Description);
        writer.WriteString(string.Empty); // language tag
        return writer;
    }
}
