using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Connection;

/// <summary>
/// Reads the RFC 4251 §5 types from request or open data, bounded: malformed input throws
/// <see cref="SshProtocolException"/>.
/// </summary>
public ref struct SshDataReader
{
    private SshReader _reader;

    public SshDataReader(ReadOnlySpan<byte> data) => _reader = new SshReader(data);

    public readonly bool IsAtEnd => _reader.IsAtEnd;

    public byte ReadByte() => _reader.ReadByte();

    public bool ReadBoolean() => _reader.ReadBoolean();

    public uint ReadUInt32() => _reader.ReadUInt32();

    public ulong ReadUInt64() => _reader.ReadUInt64();

    /// <summary>A UTF-8 string of at most <paramref name="maxBytes"/> bytes.</summary>
    public string ReadString(int maxBytes = 64 * 1024) => _reader.ReadUtf8(maxBytes);

    public ReadOnlySpan<byte> ReadBinary() => _reader.ReadString();
}
