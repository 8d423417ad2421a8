namespace Teleport.Ssh.Keys;

/// <summary>
/// Something that holds a private key and signs with it: a key in memory, a key with its
/// certificate, or a key held by an SSH agent. The library uses it for host keys and for client
/// public key authentication.
/// </summary>
public interface ISshSigner
{
    /// <summary>The public key presented to the peer: a plain key or a certificate.</summary>
    SshPublicKey PublicKey { get; }

    /// <summary>
    /// Signs <paramref name="data"/> with <paramref name="signatureAlgorithm"/> (a plain algorithm
    /// such as <c>rsa-sha2-512</c>, never a -cert name) and returns the RFC 4253 §6.6 signature blob.
    /// </summary>
    ValueTask<byte[]> SignAsync(string signatureAlgorithm, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);
}
