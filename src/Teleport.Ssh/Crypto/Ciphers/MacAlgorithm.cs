using System.Security.Cryptography;

namespace Teleport.Ssh.Crypto.Ciphers;

/// <summary>A negotiable encrypt-then-MAC algorithm (OpenSSH PROTOCOL §1.5). Non-EtM MACs are not offered.</summary>
internal sealed class MacAlgorithm
{
    private MacAlgorithm(string name, HashAlgorithmName hash, int keySize)
    {
        Name = name;
        Hash = hash;
        KeySize = keySize;
    }

    public string Name { get; }

    public HashAlgorithmName Hash { get; }

    public int KeySize { get; }

    public static MacAlgorithm? Find(string name) => name switch
    {
        AlgorithmNames.HmacSha256Etm => new(name, HashAlgorithmName.SHA256, 32),
        AlgorithmNames.HmacSha512Etm => new(name, HashAlgorithmName.SHA512, 64),
        _ => null,
    };
}
