using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Messages.Transport;

/// <summary>SSH_MSG_SERVICE_REQUEST and SSH_MSG_SERVICE_ACCEPT (RFC 4253 §10): both carry a service name.</summary>
internal readonly record struct ServiceMessage(MessageNumber Number, string ServiceName)
{
    public const string UserAuth = "ssh-userauth";
    public const string Connection = "ssh-connection";

    public static ServiceMessage Read(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload);
        MessageNumber number = reader.ReadMessageNumber();
        return new ServiceMessage(number, reader.ReadName());
    }

    public SshWriter Write()
    {
        SshWriter writer = SshWriter.ForPacket(Number);
        writer.WriteString(ServiceName);
        return writer;
    }
}
