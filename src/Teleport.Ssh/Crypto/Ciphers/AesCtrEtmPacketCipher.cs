using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Teleport.Ssh.Crypto.Ciphers;

/// <summary>
/// aes128/192/256-ctr (RFC 4344) with hmac-sha2-256-etm@openssh.com or hmac-sha2-512-etm@openssh.com
/// (OpenSSH PROTOCOL §1.5): packet_length in the clear, the MAC computed over the sequence number,
/// the length and the ciphertext, and checked before anything is decrypted.
/// </summary>
internal sealed class AesCtrEtmPacketCipher : PacketCipher
{
    private readonly StreamCipher _cipher;
    private readonly IncrementalHash _hmac;
    private readonly int _macSize;

    public AesCtrEtmPacketCipher(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, HashAlgorithmName macHash, ReadOnlySpan<byte> macKey)
    {
        _cipher = StreamCipher.CreateAesCtr(key, iv[..16]);
        _hmac = IncrementalHash.CreateHMAC(macHash, macKey);
        _macSize = _hmac.HashLengthInBytes;
    }

    public override int BlockSize => 16;

    public override int MacSize => _macSize;

    public override bool LengthExcludedFromPadding => true;

    public override void Encrypt(uint sequenceNumber, Span<byte> packet, Span<byte> mac)
    {
        _cipher.Transform(packet[4..], packet[4..]);
        ComputeMac(sequenceNumber, packet, mac);
    }

    public override uint DecryptLength(uint sequenceNumber, ReadOnlySpan<byte> firstFourBytes) =>
        BinaryPrimitives.ReadUInt32BigEndian(firstFourBytes);

    public override bool Decrypt(uint sequenceNumber, Span<byte> packet, ReadOnlySpan<byte> mac)
    {
        Span<byte> expected = stackalloc byte[_macSize];
        ComputeMac(sequenceNumber, packet, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, mac[.._macSize]))
        {
            return false;
        }

        _cipher.Transform(packet[4..], packet[4..]);
        return true;
    }

    public override void Dispose()
    {
        _cipher.Dispose();
        _hmac.Dispose();
    }

    private void ComputeMac(uint sequenceNumber, ReadOnlySpan<byte> packet, Span<byte> mac)
    {
        Span<byte> sequence = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sequence, sequenceNumber);
        _hmac.AppendData(sequence);
        _hmac.AppendData(packet);
        _hmac.GetHashAndReset(mac);
    }
}
