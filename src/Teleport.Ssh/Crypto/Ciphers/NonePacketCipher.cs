using System.Buffers.Binary;

namespace Teleport.Ssh.Crypto.Ciphers;

/// <summary>The cleartext framing used until the first NEWKEYS (RFC 4253 §6).</summary>
internal sealed class NonePacketCipher : PacketCipher
{
    public override int BlockSize => 8;

    public override int MacSize => 0;

    public override bool LengthExcludedFromPadding => false;

    public override void Encrypt(uint sequenceNumber, Span<byte> packet, Span<byte> mac) { }

    public override uint DecryptLength(uint sequenceNumber, ReadOnlySpan<byte> firstFourBytes) =>
        BinaryPrimitives.ReadUInt32BigEndian(firstFourBytes);

    public override bool Decrypt(uint sequenceNumber, Span<byte> packet, ReadOnlySpan<byte> mac) => true;
}
