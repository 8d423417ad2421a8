using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Teleport.Ssh.Wire;

/// <summary>
/// Writes RFC 4251 §5 data types into a pooled, growing buffer. A writer made for a packet keeps
/// <see cref="PacketHeaderSize"/> bytes free in front of the payload so the transport can frame
/// and encrypt it in place, without a copy. Dispose returns the buffer to the pool.
/// </summary>
internal sealed class SshWriter : IDisposable
{
    /// <summary>uint32 packet_length and byte padding_length (RFC 4253 §6).</summary>
    public const int PacketHeaderSize = 5;

    private byte[] _buffer;
    private readonly int _start;
    private int _position;

    private SshWriter(int start, int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(start + initialCapacity, 64));
        _start = start;
        _position = start;
    }

    /// <summary>A writer for plain data: key blobs, signed data, hash input.</summary>
    public SshWriter(int initialCapacity = 256) : this(0, initialCapacity) { }

    /// <summary>A writer for one packet payload, beginning with its message number.</summary>
    public static SshWriter ForPacket(MessageNumber message, int payloadCapacity = 128)
    {
        var writer = new SshWriter(PacketHeaderSize, payloadCapacity);
        writer.WriteByte((byte)message);
        return writer;
    }

    /// <summary>Offset of the written data in <see cref="Buffer"/>.</summary>
    public int Start => _start;

    public int Length => _position - _start;

    /// <summary>The whole underlying buffer, for the transport to frame and encrypt in place.</summary>
    public byte[] Buffer => _buffer;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(_start, _position - _start);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(_start, _position - _start);

    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Makes room for <paramref name="count"/> more bytes after the written data.</summary>
    public void EnsureCapacity(int count)
    {
        int needed = _position + count;
        if (needed <= _buffer.Length)
        {
            return;
        }

        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _position).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        _buffer = bigger;
    }

    /// <summary>Reserves <paramref name="count"/> bytes and returns them for the caller to fill.</summary>
    public Span<byte> GetSpan(int count)
    {
        EnsureCapacity(count);
        Span<byte> span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    public void WriteByte(byte value) => GetSpan(1)[0] = value;

    public void WriteMessageNumber(MessageNumber value) => WriteByte((byte)value);

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(GetSpan(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(GetSpan(8), value);

    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(GetSpan(bytes.Length));

    public void WriteString(ReadOnlySpan<byte> bytes)
    {
        WriteUInt32((uint)bytes.Length);
        WriteRaw(bytes);
    }

    public void WriteString(string text)
    {
        int byteCount = Encoding.UTF8.GetByteCount(text);
        WriteUInt32((uint)byteCount);
        Encoding.UTF8.GetBytes(text, GetSpan(byteCount));
    }

    public void WriteNameList(IEnumerable<string> names) => WriteString(NameList.Join(names));

    /// <summary>
    /// Writes a non-negative <c>mpint</c> from its big-endian magnitude: leading zeros dropped, a
    /// zero byte added when the top bit is set (RFC 4251 §5).
    /// </summary>
    public void WriteMpint(ReadOnlySpan<byte> magnitude)
    {
        int first = 0;
        while (first < magnitude.Length && magnitude[first] == 0)
        {
            first++;
        }

        ReadOnlySpan<byte> trimmed = magnitude[first..];
        bool pad = !trimmed.IsEmpty && (trimmed[0] & 0x80) != 0;
        WriteUInt32((uint)(trimmed.Length + (pad ? 1 : 0)));
        if (pad)
        {
            WriteByte(0);
        }

        WriteRaw(trimmed);
    }

    /// <summary>Starts a nested <c>string</c> whose length is filled in by <see cref="EndString"/>.</summary>
    public int BeginString()
    {
        int lengthOffset = _position;
        GetSpan(4);
        return lengthOffset;
    }

    public void EndString(int lengthOffset) =>
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(lengthOffset, 4), (uint)(_position - lengthOffset - 4));

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _position = 0;
        if (buffer.Length > 0)
        {
            // Payloads carry passwords and key material: never hand them back uncleared.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
