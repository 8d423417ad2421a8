using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Teleport.Ssh.Sftp;

/// <summary>
/// Replies waiting to be sent: packets are built in place in one pooled buffer and written out in
/// batches, so a pipeline of 32 KiB READs costs one write per batch rather than one per reply.
/// </summary>
internal sealed class SftpOutput : IDisposable
{
    private byte[] _buffer;
    private int _length;
    private int _packetStart = -1;

    public SftpOutput(int initialCapacity) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    /// <summary>Bytes of complete packets waiting to be flushed.</summary>
    public int Length => _packetStart < 0 ? _length : _packetStart;

    /// <summary>Starts a reply: uint32 length (filled by <see cref="EndPacket"/>), byte type, uint32 id.</summary>
    public void BeginPacket(SftpPacketType type, uint id)
    {
        BeginPacket(type);
        WriteUInt32(id);
    }

    /// <summary>Starts a packet without a request id (SSH_FXP_VERSION).</summary>
    public void BeginPacket(SftpPacketType type)
    {
        _packetStart = _length;
        WriteUInt32(0);
        WriteByte((byte)type);
    }

    public void EndPacket()
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_packetStart), (uint)(_length - _packetStart - 4));
        _packetStart = -1;
    }

    /// <summary>Drops a reply that failed half-way, so a status can be sent instead.</summary>
    public void CancelPacket()
    {
        if (_packetStart >= 0)
        {
            _length = _packetStart;
            _packetStart = -1;
        }
    }

    /// <summary>Room for <paramref name="count"/> bytes to fill in place; <see cref="Advance"/> commits them.</summary>
    public Span<byte> GetSpan(int count)
    {
        EnsureCapacity(count);
        return _buffer.AsSpan(_length, count);
    }

    public void Advance(int count) => _length += count;

    /// <summary>Reserves a uint32 to be filled in later by <see cref="PatchUInt32"/> (a count known at the end).</summary>
    public int ReserveUInt32()
    {
        int offset = _length;
        WriteUInt32(0);
        return offset;
    }

    public void PatchUInt32(int offset, uint value) => BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(offset), value);

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        _length++;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(GetSpan(4), value);
        _length += 4;
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(GetSpan(8), value);
        _length += 8;
    }

    public void WriteString(ReadOnlySpan<byte> bytes)
    {
        WriteUInt32((uint)bytes.Length);
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    public void WriteString(string text)
    {
        int count = Encoding.UTF8.GetByteCount(text);
        WriteUInt32((uint)count);
        _length += Encoding.UTF8.GetBytes(text, GetSpan(count));
    }

    /// <summary>Writes the complete packets and flushes the stream; an unfinished packet stays.</summary>
    public async ValueTask FlushAsync(Stream stream, CancellationToken cancellationToken)
    {
        int complete = Length;
        if (complete == 0)
        {
            return;
        }

        await stream.WriteAsync(_buffer.AsMemory(0, complete), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _buffer.AsSpan(complete, _length - complete).CopyTo(_buffer);
        _length -= complete;
        if (_packetStart >= 0)
        {
            _packetStart -= complete;
        }
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            // The buffer held file contents: hand it back cleared.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    private void EnsureCapacity(int count)
    {
        int needed = _length + count;
        if (needed <= _buffer.Length)
        {
            return;
        }

        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        _buffer = bigger;
    }
}
