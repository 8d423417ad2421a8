namespace Teleport.Ssh.Keys;

/// <summary>
/// Maps between the public key algorithm names negotiated in KEXINIT and userauth (RFC 4253 §6.6,
/// RFC 8332, PROTOCOL.certkeys), the key types of blobs, and the signature algorithms used.
/// </summary>
public static class PublicKeyAlgorithms
{
    private const string CertSuffix = "-cert-v01@openssh.com";

    /// <summary>The algorithm names under which <paramref name="key"/> can be offered, best first.</summary>
    public static IReadOnlyList<string> NamesFor(SshPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key is not SshCertificate)
        {
            return key.SignatureAlgorithms;
        }

        return [.. key.SignatureAlgorithms.Select(algorithm => algorithm + CertSuffix)];
    }

    /// <summary>The plain signature algorithm behind a public key algorithm name.</summary>
    public static string SignatureAlgorithmFor(string publicKeyAlgorithm) =>
        publicKeyAlgorithm.EndsWith(CertSuffix, StringComparison.Ordinal)
            ? publicKeyAlgorithm[..^CertSuffix.Length]
            : publicKeyAlgorithm;

    /// <summary>Whether the algorithm name is that of a certificate.</summary>
    public static bool IsCertificate(string publicKeyAlgorithm) => publicKeyAlgorithm.EndsWith(CertSuffix, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="key"/> may be used under <paramref name="publicKeyAlgorithm"/>.</summary>
    public static bool Matches(SshPublicKey key, string publicKeyAlgorithm) => NamesFor(key).Contains(publicKeyAlgorithm);
}
