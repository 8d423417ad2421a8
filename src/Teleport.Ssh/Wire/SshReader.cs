using System.Buffers.Binary;
using System.Text;

namespace Teleport.Ssh.Wire;

/// <summary>
/// Reads the RFC 4251 §5 data types from a span. Every read checks its bounds first and throws
/// <see cref="SshProtocolException"/> on short or malformed input, so a parser built on it can
/// never read past its buffer or allocate more than the input holds.
/// </summary>
internal ref struct SshReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public SshReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool IsAtEnd => _position == _data.Length;

    public byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw Truncated();
        }

        return _data[_position++];
    }

    public MessageNumber ReadMessageNumber() => (MessageNumber)ReadByte();

    /// <summary>RFC 4251 §5: any non-zero value is true.</summary>
    public bool ReadBoolean() => ReadByte() != 0;

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(ReadBytes(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(ReadBytes(8));

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if ((uint)count > (uint)Remaining)
        {
            throw Truncated();
        }

        ReadOnlySpan<byte> slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>A <c>string</c>: uint32 length then that many bytes, returned without copying.</summary>
    public ReadOnlySpan<byte> ReadString()
    {
        uint length = ReadUInt32();
        if (length > (uint)Remaining)
        {
            throw new SshProtocolException($"string length {length} exceeds the {Remaining} bytes left");
        }

        return ReadBytes((int)length);
    }

    /// <summary>A <c>string</c> that must hold valid UTF-8 of at most <paramref name="maxBytes"/> bytes.</summary>
    public string ReadUtf8(int maxBytes = 64 * 1024)
    {
        ReadOnlySpan<byte> bytes = ReadString();
        if (bytes.Length > maxBytes)
        {
            throw new SshProtocolException($"text field of {bytes.Length} bytes exceeds the limit of {maxBytes}");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new SshProtocolException("text field is not valid UTF-8", e);
        }
    }

    /// <summary>
    /// An algorithm or method name: printable US-ASCII without commas or spaces (RFC 4251 §6),
    /// at most 64 characters.
    /// </summary>
    public string ReadName()
    {
        ReadOnlySpan<byte> bytes = ReadString();
        return NameList.DecodeName(bytes);
    }

    /// <summary>A <c>name-list</c> (RFC 4251 §5) of at most <paramref name="maxNames"/> names.</summary>
    public string[] ReadNameList(int maxNames = NameList.DefaultMaxNames) => NameList.Decode(ReadString(), maxNames);

    /// <summary>
    /// An <c>mpint</c> that must be non-negative; returns its magnitude, big-endian, without
    /// leading zero bytes (an empty span for zero).
    /// </summary>
    public ReadOnlySpan<byte> ReadMpintMagnitude(int maxBytes = 2048)
    {
        ReadOnlySpan<byte> bytes = ReadString();
        if (bytes.Length > maxBytes)
        {
            throw new SshProtocolException($"mpint of {bytes.Length} bytes exceeds the limit of {maxBytes}");
        }

        if (bytes.Length > 0 && (bytes[0] & 0x80) != 0)
        {
            throw new SshProtocolException("negative mpint where a positive number is required");
        }

        int leadingZeros = 0;
        while (leadingZeros < bytes.Length && bytes[leadingZeros] == 0)
        {
            leadingZeros++;
        }

        return bytes[leadingZeros..];
    }

    public ReadOnlySpan<byte> ReadRemaining()
    {
        ReadOnlySpan<byte> rest = _data[_position..];
        _position = _data.Length;
        return rest;
    }

    /// <summary>Throws when bytes are left: for structures whose encoding must be exact (key blobs).</summary>
    public readonly void EnsureAtEnd(string what)
    {
        if (!IsAtEnd)
        {
            throw new SshProtocolException($"{Remaining} unexpected trailing bytes after {what}");
        }
    }

    private readonly SshProtocolException Truncated() =>
        new($"message truncated at byte {_position} of {_data.Length}");
}
