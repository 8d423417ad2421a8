using System.Security.Cryptography;

namespace Teleport.Ssh.Keys;

/// <summary>An RSA private key; signs with rsa-sha2-512 or rsa-sha2-256 (RFC 8332), never SHA-1.</summary>
public sealed class RsaPrivateKey : SshPrivateKey
{
    private readonly RSA _rsa;
    private readonly RsaPublicKey _publicKey;

    private RsaPrivateKey(RSA rsa)
    {
        _rsa = rsa;
        _publicKey = RsaPublicKey.FromParameters(rsa.ExportParameters(includePrivateParameters: false));
    }

    public override SshPublicKey PublicKey => _publicKey;

    public static RsaPrivateKey Generate(int bits = 3072)
    {
        if (bits is < RsaPublicKey.MinimumBits or > RsaPublicKey.MaximumBits)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), $"RSA keys are {RsaPublicKey.MinimumBits} to {RsaPublicKey.MaximumBits} bits");
        }

        return new RsaPrivateKey(RSA.Create(bits));
    }

    /// <summary>Takes ownership of <paramref name="rsa"/>.</summary>
    public static RsaPrivateKey FromRsa(RSA rsa)
    {
        if (rsa.KeySize < RsaPublicKey.MinimumBits)
        {
            throw new ArgumentException($"RSA key of {rsa.KeySize} bits is below the minimum of {RsaPublicKey.MinimumBits}", nameof(rsa));
        }

        return new RsaPrivateKey(rsa);
    }

    /// <summary>Every parameter, for writing key files.</summary>
    public RSAParameters ExportParameters() => _rsa.ExportParameters(includePrivateParameters: true);

    public override byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        HashAlgorithmName hash = RsaPublicKey.HashFor(signatureAlgorithm)
            ?? throw new ArgumentException($"RSA keys cannot sign with {signatureAlgorithm}", nameof(signatureAlgorithm));
        return SshSignature.Encode(signatureAlgorithm, _rsa.SignData(data, hash, RSASignaturePadding.Pkcs1));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rsa.Dispose();
        }
    }
}
