using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Auth;

/// <summary>The "publickey" fields of a USERAUTH_REQUEST (RFC 4252 §7).</summary>
internal sealed record PublicKeyRequest(bool HasSignature, string Algorithm, byte[] KeyBlob, int SignatureOffset, byte[] Signature)
{
    /// <summary>Reads the fields after <paramref name="offset"/>; the signed data is the payload before <see cref="SignatureOffset"/>.</summary>
    public static PublicKeyRequest Read(ReadOnlySpan<byte> payload, int offset)
    {
        var reader = new SshReader(payload);
        reader.ReadBytes(offset);
        bool hasSignature = reader.ReadBoolean();
        string algorithm = reader.ReadName();
        byte[] blob = reader.ReadString().ToArray();
        int signatureOffset = reader.Position;
        byte[] signature = hasSignature ? reader.ReadString().ToArray() : [];
        return new PublicKeyRequest(hasSignature, algorithm, blob, signatureOffset, signature);
    }
}
