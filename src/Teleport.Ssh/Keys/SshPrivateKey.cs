namespace Teleport.Ssh.Keys;

/// <summary>A private key held in memory: Ed25519, RSA or ECDSA. Disposing it wipes the key material.</summary>
public abstract class SshPrivateKey : ISshSigner, IDisposable
{
    /// <summary>The matching public key.</summary>
    public abstract SshPublicKey PublicKey { get; }

    /// <summary>Free-form comment kept with the key in OpenSSH key files.</summary>
    public string Comment { get; set; } = string.Empty;

    /// <summary>A fresh key: <c>ssh-ed25519</c> (the default), <c>ssh-rsa</c> or <c>ecdsa-sha2-nistp256/384/521</c>.</summary>
    public static SshPrivateKey Generate(string keyType = AlgorithmNames.Ed25519, int rsaBits = 3072) => keyType switch
    {
        AlgorithmNames.Ed25519 => Ed25519PrivateKey.Generate(),
        AlgorithmNames.Rsa => RsaPrivateKey.Generate(rsaBits),
        AlgorithmNames.EcdsaNistp256 or AlgorithmNames.EcdsaNistp384 or AlgorithmNames.EcdsaNistp521
            => EcdsaPrivateKey.Generate(EcdsaCurve.FromKeyType(keyType)),
        _ => throw new ArgumentException($"cannot generate keys of type {keyType}", nameof(keyType)),
    };

    /// <summary>Signs synchronously and returns the RFC 4253 §6.6 signature blob.</summary>
    public abstract byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data);

    public ValueTask<byte[]> SignAsync(string signatureAlgorithm, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Sign(signatureAlgorithm, data.Span));

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) { }

    private protected static void RequireAlgorithm(SshPublicKey key, string signatureAlgorithm)
    {
        if (!key.SignatureAlgorithms.Contains(signatureAlgorithm))
        {
            throw new ArgumentException($"a {key.KeyType} key cannot sign with {signatureAlgorithm}", nameof(signatureAlgorithm));
        }
    }
}
