using System.Security.Cryptography;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Keys;

/// <summary>
/// A public key in SSH wire form (RFC 4253 §6.6): Ed25519 (RFC 8709), RSA (RFC 8332, SHA-2
/// signatures only), ECDSA over NIST curves (RFC 5656), or an OpenSSH certificate of any of them.
/// Immutable; equality is equality of the wire blob.
/// </summary>
public abstract class SshPublicKey : IEquatable<SshPublicKey>
{
    /// <summary>Public key blobs larger than this are refused before parsing (a 16384-bit RSA key is ~2 KiB).</summary>
    public const int MaxBlobSize = 16 * 1024;

    private readonly byte[] _blob;

    private protected SshPublicKey(byte[] blob) => _blob = blob;

    /// <summary>The key type at the start of the blob, such as <c>ssh-ed25519</c> or <c>ssh-rsa-cert-v01@openssh.com</c>.</summary>
    public abstract string KeyType { get; }

    /// <summary>The algorithms this key can sign with, in order of preference (RFC 8332 for RSA).</summary>
    public abstract IReadOnlyList<string> SignatureAlgorithms { get; }

    /// <summary>The wire encoding of the key.</summary>
    public ReadOnlySpan<byte> Blob => _blob;

    /// <summary>OpenSSH's fingerprint: <c>SHA256:</c> and the unpadded base64 of the blob's SHA-256.</summary>
    public string Fingerprint => "SHA256:" + Convert.ToBase64String(SHA256.HashData(_blob)).TrimEnd('=');

    /// <summary>
    /// Parses a public key or certificate blob. Throws <see cref="SshProtocolException"/> with a
    /// description when it is malformed or of a type this library does not support.
    /// </summary>
    public static SshPublicKey Parse(ReadOnlySpan<byte> blob)
    {
        if (blob.Length > MaxBlobSize)
        {
            throw new SshProtocolException($"public key blob of {blob.Length} bytes exceeds the limit of {MaxBlobSize}");
        }

        var reader = new SshReader(blob);
        string keyType = reader.ReadName();
        SshPublicKey key = keyType switch
        {
            AlgorithmNames.Ed25519 => Ed25519PublicKey.ReadBody(ref reader, blob),
            AlgorithmNames.Rsa => RsaPublicKey.ReadBody(ref reader, blob),
            AlgorithmNames.EcdsaNistp256 or AlgorithmNames.EcdsaNistp384 or AlgorithmNames.EcdsaNistp521
                => EcdsaPublicKey.ReadBody(keyType, ref reader, blob),
            AlgorithmNames.Ed25519Cert or AlgorithmNames.RsaCert
                or AlgorithmNames.EcdsaNistp256Cert or AlgorithmNames.EcdsaNistp384Cert or AlgorithmNames.EcdsaNistp521Cert
                => SshCertificate.ReadBody(keyType, ref reader, blob),
            _ => throw new SshProtocolException($"unsupported key type {keyType}"),
        };
        reader.EnsureAtEnd("public key");
        return key;
    }

    /// <summary>
    /// Verifies a signature blob (RFC 4253 §6.6 encoding) over <paramref name="data"/>, made with
    /// <paramref name="signatureAlgorithm"/>. The algorithm named inside the blob must be that
    /// algorithm; any malformation is a failed verification, never an exception.
    /// </summary>
    public bool VerifySignature(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureBlob)
    {
        if (!SshSignature.TryDecode(signatureBlob, out string algorithm, out byte[] signature)
            || !string.Equals(algorithm, signatureAlgorithm, StringComparison.Ordinal))
        {
            return false;
        }

        return VerifyRaw(signatureAlgorithm, data, signature);
    }

    /// <summary>Verifies a signature blob with whatever algorithm it names, if this key supports it.</summary>
    public bool VerifySignature(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureBlob) =>
        SshSignature.TryDecode(signatureBlob, out string algorithm, out byte[] signature)
        && SignatureAlgorithms.Contains(algorithm)
        && VerifyRaw(algorithm, data, signature);

    /// <summary>Verifies the algorithm-specific signature bytes.</summary>
    internal abstract bool VerifyRaw(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <summary>The blob as an array, for callers that need to keep it.</summary>
    public byte[] ToBlob() => (byte[])_blob.Clone();

    /// <summary>The <c>.pub</c> / authorized_keys form: key type, base64 blob and an optional comment.</summary>
    public string ToOpenSshString(string? comment = null) =>
        string.IsNullOrEmpty(comment)
            ? $"{KeyType} {Convert.ToBase64String(_blob)}"
            : $"{KeyType} {Convert.ToBase64String(_blob)} {comment}";

    public bool Equals(SshPublicKey? other) => other is not null && _blob.AsSpan().SequenceEqual(other._blob);

    public override bool Equals(object? obj) => Equals(obj as SshPublicKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_blob);
        return hash.ToHashCode();
    }

    public override string ToString() => ToOpenSshString();
}
