using System.Security.Cryptography;
using Teleport.Ssh.Crypto;
using Teleport.Ssh.Crypto.Native;

namespace Teleport.Ssh.Keys;

/// <summary>An Ed25519 private key (RFC 8032), held as its 32-byte seed.</summary>
public sealed class Ed25519PrivateKey : SshPrivateKey
{
    private readonly byte[] _seed;
    private readonly SafeEvpPkeyHandle _key;
    private readonly Ed25519PublicKey _publicKey;

    private Ed25519PrivateKey(byte[] seed)
    {
        _seed = seed;
        _key = Ed25519.ImportPrivateKey(seed);
        _publicKey = Ed25519PublicKey.FromBytes(Ed25519.GetPublicKey(_key));
    }

    public override SshPublicKey PublicKey => _publicKey;

    /// <summary>The 32-byte private seed (RFC 8032 §5.1.5), for writing key files.</summary>
    public ReadOnlySpan<byte> Seed => _seed;

    public static Ed25519PrivateKey Generate() => new(RandomNumberGenerator.GetBytes(Ed25519.SeedSize));

    public static Ed25519PrivateKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != Ed25519.SeedSize)
        {
            throw new ArgumentException("Ed25519 seed must be 32 bytes", nameof(seed));
        }

        return new Ed25519PrivateKey(seed.ToArray());
    }

    public override byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        RequireAlgorithm(_publicKey, signatureAlgorithm);
        return SshSignature.Encode(AlgorithmNames.Ed25519, Ed25519.Sign(_key, data));
    }

    protected override void Dispose(bool disposing)
    {
        CryptographicOperations.ZeroMemory(_seed);
        if (disposing)
        {
            _key.Dispose();
        }
    }
}
