using System.Security.Cryptography;
using Teleport.Ssh.Crypto.Native;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Crypto.KeyExchange;

/// <summary>Looks up key exchange methods by name.</summary>
internal static class KeyExchangeAlgorithms
{
    public static KeyExchangeAlgorithm? Find(string name) => name switch
    {
        AlgorithmNames.Curve25519Sha256 or AlgorithmNames.Curve25519Sha256LibSsh => new Curve25519KeyExchange(name),
        AlgorithmNames.EcdhSha2Nistp256 => new EcdhKeyExchange(name, EcdsaCurve.Nistp256, HashAlgorithmName.SHA256),
        AlgorithmNames.EcdhSha2Nistp384 => new EcdhKeyExchange(name, EcdsaCurve.Nistp384, HashAlgorithmName.SHA384),
        AlgorithmNames.EcdhSha2Nistp521 => new EcdhKeyExchange(name, EcdsaCurve.Nistp521, HashAlgorithmName.SHA512),
        AlgorithmNames.DiffieHellmanGroup14Sha256 => new ModpKeyExchange(name, LibCrypto.NidModp2048, HashAlgorithmName.SHA256),
        AlgorithmNames.DiffieHellmanGroup16Sha512 => new ModpKeyExchange(name, LibCrypto.NidModp4096, HashAlgorithmName.SHA512),
        _ => null,
    };
}
