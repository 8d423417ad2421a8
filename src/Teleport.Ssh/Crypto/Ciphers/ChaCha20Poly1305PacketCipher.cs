using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Teleport.Ssh.Crypto.Ciphers;

/// <summary>
/// chacha20-poly1305@openssh.com (OpenSSH PROTOCOL.chacha20poly1305): the 64-byte key splits into
/// K_2 (first half: payload and Poly1305 key) and K_1 (second half: packet_length only); the
/// nonce is the 64-bit sequence number; Poly1305 covers the encrypted length and ciphertext.
/// </summary>
internal sealed class ChaCha20Poly1305PacketCipher : PacketCipher
{
    public const int KeySize = 64;

    private readonly StreamCipher _main;
    private readonly StreamCipher _header;
    private readonly Poly1305 _poly1305 = new();

    public ChaCha20Poly1305PacketCipher(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException("chacha20-poly1305 needs 64 bytes of key", nameof(key));
        }

        _main = StreamCipher.CreateChaCha20(key[..32]);
        _header = StreamCipher.CreateChaCha20(key[32..]);
    }

    public override int BlockSize => 8;

    public override int MacSize => Poly1305.TagSize;

    public override bool LengthExcludedFromPadding => true;

    public override void Encrypt(uint sequenceNumber, Span<byte> packet, Span<byte> mac)
    {
        Span<byte> iv = stackalloc byte[16];
        SetNonce(iv, sequenceNumber, counter: 0);
        _header.SetIv(iv);
        _header.Transform(packet[..4], packet[..4]);

        SetNonce(iv, sequenceNumber, counter: 1);
        _main.SetIv(iv);
        _main.Transform(packet[4..], packet[4..]);

        Span<byte> polyKey = stackalloc byte[Poly1305.KeySize];
        DerivePolyKey(sequenceNumber, iv, polyKey);
        _poly1305.Compute(polyKey, packet, mac);
        CryptographicOperations.ZeroMemory(polyKey);
    }

    public override uint DecryptLength(uint sequenceNumber, ReadOnlySpan<byte> firstFourBytes)
    {
        Span<byte> iv = stackalloc byte[16];
        SetNonce(iv, sequenceNumber, counter: 0);
        _header.SetIv(iv);
        Span<byte> plain = stackalloc byte[4];
        _header.Transform(firstFourBytes[..4], plain);
        return BinaryPrimitives.ReadUInt32BigEndian(plain);
    }

    public override bool Decrypt(uint sequenceNumber, Span<byte> packet, ReadOnlySpan<byte> mac)
    {
        Span<byte> iv = stackalloc byte[16];
        Span<byte> polyKey = stackalloc byte[Poly1305.KeySize];
        DerivePolyKey(sequenceNumber, iv, polyKey);
        Span<byte> expected = stackalloc byte[Poly1305.TagSize];
        _poly1305.Compute(polyKey, packet, expected);
        CryptographicOperations.ZeroMemory(polyKey);
        if (!CryptographicOperations.FixedTimeEquals(expected, mac[..Poly1305.TagSize]))
        {
            return false;
        }

        // The length was already read by DecryptLength; put its plaintext back for the caller.
        SetNonce(iv, sequenceNumber, counter: 0);
        _header.SetIv(iv);
        _header.Transform(packet[..4], packet[..4]);

        SetNonce(iv, sequenceNumber, counter: 1);
        _main.SetIv(iv);
        _main.Transform(packet[4..], packet[4..]);
        return true;
    }

    public override void Dispose()
    {
        _main.Dispose();
        _header.Dispose();
        _poly1305.Dispose();
    }

    /// <summary>The Poly1305 key is the first 32 bytes of K_2's keystream block 0.</summary>
    private void DerivePolyKey(uint sequenceNumber, Span<byte> iv, Span<byte> polyKey)
    {
        SetNonce(iv, sequenceNumber, counter: 0);
        _main.SetIv(iv);
        polyKey.Clear();
        _main.Transform(polyKey, polyKey);
    }

    /// <summary>
    /// libcrypto's 16-byte ChaCha20 IV is the original cipher's state words 12-15: a little-endian
    /// 64-bit block counter, then the 64-bit nonce, here the sequence number in big-endian.
    /// </summary>
    private static void SetNonce(Span<byte> iv, uint sequenceNumber, ulong counter)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(iv, counter);
        BinaryPrimitives.WriteUInt64BigEndian(iv[8..], sequenceNumber);
    }
}
