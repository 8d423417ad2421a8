namespace Teleport.Ssh.Crypto.Ciphers;

/// <summary>
/// Protection of the binary packets (RFC 4253 §6) flowing in one direction under one set of keys.
/// A packet here is the 4-byte <c>packet_length</c> followed by <c>packet_length</c> bytes
/// (padding_length, payload, padding); the MAC or tag travels after it.
/// </summary>
internal abstract class PacketCipher : IDisposable
{
    /// <summary>The cipher's block size, the unit the padded packet must be a multiple of (at least 8).</summary>
    public abstract int BlockSize { get; }

    /// <summary>Bytes of MAC or authentication tag after each packet.</summary>
    public abstract int MacSize { get; }

    /// <summary>
    /// True for the AEAD and encrypt-then-MAC modes, where packet_length is sent as additional
    /// data and therefore left out of the block alignment (OpenSSH PROTOCOL §1.3, RFC 5647 §7.2).
    /// </summary>
    public abstract bool LengthExcludedFromPadding { get; }

    /// <summary>Encrypts <paramref name="packet"/> in place and writes the MAC or tag into <paramref name="mac"/>.</summary>
    public abstract void Encrypt(uint sequenceNumber, Span<byte> packet, Span<byte> mac);

    /// <summary>Reads packet_length from the first 4 bytes as received (decrypting them if the mode hides it).</summary>
    public abstract uint DecryptLength(uint sequenceNumber, ReadOnlySpan<byte> firstFourBytes);

    /// <summary>
    /// Checks the MAC or tag and decrypts <paramref name="packet"/> in place. Returns false, leaving
    /// the packet unusable, when authentication fails.
    /// </summary>
    public abstract bool Decrypt(uint sequenceNumber, Span<byte> packet, ReadOnlySpan<byte> mac);

    public virtual void Dispose() { }
}
