using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Connection;

/// <summary>Writes the RFC 4251 §5 types into request data, for requests the library has no helper for.</summary>
public readonly struct SshDataWriter
{
    private readonly SshWriter _writer;

    internal SshDataWriter(SshWriter writer) => _writer = writer;

    public void WriteByte(byte value) => _writer.WriteByte(value);

    public void WriteBoolean(bool value) => _writer.WriteBoolean(value);

    public void WriteUInt32(uint value) => _writer.WriteUInt32(value);

    public void WriteUInt64(ulong value) => _writer.WriteUInt64(value);

    public void WriteString(string value) => _writer.WriteString(value);

    public void WriteString(ReadOnlySpan<byte> value) => _writer.WriteString(value);
}
