using Teleport.Ssh.Crypto;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Keys;

/// <summary>An <c>ssh-ed25519</c> public key (RFC 8709).</summary>
public sealed class Ed25519PublicKey : SshPublicKey
{
    private static readonly string[] Algorithms = [AlgorithmNames.Ed25519];

    private readonly byte[] _publicKey;

    private Ed25519PublicKey(byte[] blob, byte[] publicKey) : base(blob) => _publicKey = publicKey;

    public override string KeyType => AlgorithmNames.Ed25519;

    public override IReadOnlyList<string> SignatureAlgorithms => Algorithms;

    /// <summary>The 32-byte encoded curve point.</summary>
    public ReadOnlySpan<byte> PublicKeyBytes => _publicKey;

    public static Ed25519PublicKey FromBytes(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != Ed25519.PublicKeySize)
        {
            throw new ArgumentException("Ed25519 public key must be 32 bytes", nameof(publicKey));
        }

        using var writer = new SshWriter(64);
        writer.WriteString(AlgorithmNames.Ed25519);
        WriteBody(writer, publicKey);
        return new Ed25519PublicKey(writer.ToArray(), publicKey.ToArray());
    }

    internal static void WriteBody(SshWriter writer, ReadOnlySpan<byte> publicKey) => writer.WriteString(publicKey);

    internal static Ed25519PublicKey ReadBody(ref SshReader reader, ReadOnlySpan<byte> blob)
    {
        ReadOnlySpan<byte> publicKey = ReadPublicKeyBytes(ref reader);
        return new Ed25519PublicKey(blob.ToArray(), publicKey.ToArray());
    }

    internal static ReadOnlySpan<byte> ReadPublicKeyBytes(ref SshReader reader)
    {
        ReadOnlySpan<byte> publicKey = reader.ReadString();
        if (publicKey.Length != Ed25519.PublicKeySize)
        {
            throw new SshProtocolException($"Ed25519 public key of {publicKey.Length} bytes, expected 32");
        }

        return publicKey;
    }

    internal override bool VerifyRaw(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signatureAlgorithm == AlgorithmNames.Ed25519 && Ed25519.Verify(_publicKey, data, signature);
}
