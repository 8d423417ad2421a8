using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Agent;

/// <summary>
/// SSH_AGENTC_SIGN_REQUEST (draft-miller-ssh-agent, "Private key operations"): <c>string</c> key blob, <c>string</c> data,
/// <c>uint32</c> flags. The spans point into the message they were read from.
/// </summary>
internal readonly ref struct AgentSignRequest
{
    public AgentSignRequest(ReadOnlySpan<byte> keyBlob, ReadOnlySpan<byte> data, SshAgentSignFlags flags)
    {
        KeyBlob = keyBlob;
        Data = data;
        Flags = flags;
    }

    public ReadOnlySpan<byte> KeyBlob { get; }

    public ReadOnlySpan<byte> Data { get; }

    public SshAgentSignFlags Flags { get; }

    /// <summary>Reads the body after the message number; throws <see cref="SshProtocolException"/> when malformed.</summary>
    public static AgentSignRequest Read(ref SshReader reader)
    {
        ReadOnlySpan<byte> keyBlob = reader.ReadString();
        ReadOnlySpan<byte> data = reader.ReadString();
        var flags = (SshAgentSignFlags)reader.ReadUInt32();
        reader.EnsureAtEnd("SSH_AGENTC_SIGN_REQUEST");
        return new AgentSignRequest(keyBlob, data, flags);
    }

    public void Write(SshWriter writer)
    {
        writer.WriteString(KeyBlob);
        writer.WriteString(Data);
        writer.WriteUInt32((uint)Flags);
    }
}
