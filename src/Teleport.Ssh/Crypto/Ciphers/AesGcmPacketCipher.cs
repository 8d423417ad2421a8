using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Teleport.Ssh.Crypto.Ciphers;

/// <summary>
/// aes128-gcm@openssh.com and aes256-gcm@openssh.com (RFC 5647 as OpenSSH runs it): packet_length
/// in the clear as additional data, a 12-byte nonce of a fixed 4-byte field and a 64-bit
/// invocation counter that increments with every packet, a 16-byte tag.
/// </summary>
internal sealed class AesGcmPacketCipher : PacketCipher
{
    public const int IvSize = 12;
    public const int TagSize = 16;

    private readonly AesGcm _aes;
    private readonly byte[] _nonce;

    public AesGcmPacketCipher(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        _aes = new AesGcm(key, TagSize);
        _nonce = iv[..IvSize].ToArray();
    }

    public override int BlockSize => 16;

    public override int MacSize => TagSize;

    public override bool LengthExcludedFromPadding => true;

    public override void Encrypt(uint sequenceNumber, Span<byte> packet, Span<byte> mac)
    {
        _aes.Encrypt(_nonce, packet[4..], packet[4..], mac[..TagSize], packet[..4]);
        IncrementInvocationCounter();
    }

    public override uint DecryptLength(uint sequenceNumber, ReadOnlySpan<byte> firstFourBytes) =>
        BinaryPrimitives.ReadUInt32BigEndian(firstFourBytes);

    public override bool Decrypt(uint sequenceNumber, Span<byte> packet, ReadOnlySpan<byte> mac)
    {
        try
        {
            _aes.Decrypt(_nonce, packet[4..], mac[..TagSize], packet[4..], packet[..4]);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        IncrementInvocationCounter();
        return true;
    }

    public override void Dispose()
    {
        _aes.Dispose();
        CryptographicOperations.ZeroMemory(_nonce);
    }

    /// <summary>RFC 5647 §7.1: the low 64 bits of the nonce count packets.</summary>
    private void IncrementInvocationCounter()
    {
        Span<byte> counter = _nonce.AsSpan(4, 8);
        BinaryPrimitives.WriteUInt64BigEndian(counter, BinaryPrimitives.ReadUInt64BigEndian(counter) + 1);
    }
}
