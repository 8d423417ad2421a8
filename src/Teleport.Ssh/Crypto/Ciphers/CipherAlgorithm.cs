using System.Security.Cryptography;

namespace Teleport.Ssh.Crypto.Ciphers;

/// <summary>A negotiable cipher: its key and IV sizes and how to build a <see cref="PacketCipher"/>.</summary>
internal sealed class CipherAlgorithm
{
    private readonly Func<byte[], byte[], MacAlgorithm?, byte[]?, PacketCipher> _create;

    private CipherAlgorithm(string name, int keySize, int ivSize, bool isAead, Func<byte[], byte[], MacAlgorithm?, byte[]?, PacketCipher> create)
    {
        Name = name;
        KeySize = keySize;
        IvSize = ivSize;
        IsAead = isAead;
        _create = create;
    }

    public string Name { get; }

    public int KeySize { get; }

    public int IvSize { get; }

    /// <summary>AEAD ciphers authenticate packets themselves; no MAC is negotiated for them.</summary>
    public bool IsAead { get; }

    public PacketCipher Create(byte[] key, byte[] iv, MacAlgorithm? mac, byte[]? macKey) => _create(key, iv, mac, macKey);

    public static CipherAlgorithm? Find(string name) => name switch
    {
        AlgorithmNames.ChaCha20Poly1305 => new(name, ChaCha20Poly1305PacketCipher.KeySize, 0, isAead: true, (key, _, _, _) => new ChaCha20Poly1305PacketCipher(key)),
        AlgorithmNames.Aes128Gcm => new(name, 16, AesGcmPacketCipher.IvSize, isAead: true, (key, iv, _, _) => new AesGcmPacketCipher(key, iv)),
        AlgorithmNames.Aes256Gcm => new(name, 32, AesGcmPacketCipher.IvSize, isAead: true, (key, iv, _, _) => new AesGcmPacketCipher(key, iv)),
        AlgorithmNames.Aes128Ctr => Ctr(name, 16),
        AlgorithmNames.Aes192Ctr => Ctr(name, 24),
        AlgorithmNames.Aes256Ctr => Ctr(name, 32),
        _ => null,
    };

    private static CipherAlgorithm Ctr(string name, int keySize) =>
        new(name, keySize, 16, isAead: false, (key, iv, mac, macKey) => new AesCtrEtmPacketCipher(key, iv, mac!.Hash, macKey!));
}
