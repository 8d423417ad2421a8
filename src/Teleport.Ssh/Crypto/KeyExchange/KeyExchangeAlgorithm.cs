using System.Security.Cryptography;

namespace Teleport.Ssh.Crypto.KeyExchange;

/// <summary>
/// A key exchange method as negotiated by name (RFC 4253 §7). Every method here has the same
/// shape: the client sends one ephemeral public value (message 30), the server answers with its
/// host key, its own value and a signature (message 31). Classic Diffie-Hellman carries the values
/// as mpints; ECDH, X25519 and KEM hybrids as strings. The shared secret enters the exchange hash
/// and key derivation in its encoded form (an mpint, or a string for the post-quantum hybrids of
/// draft-ietf-sshm-mlkem-hybrid-kex), so adding mlkem768x25519-sha256 is a new subclass here.
/// </summary>
internal abstract class KeyExchangeAlgorithm
{
    public abstract string Name { get; }

    public abstract HashAlgorithmName HashAlgorithm { get; }

    /// <summary>True when the public values travel as mpints (RFC 4253 §8), false for strings.</summary>
    public virtual bool PublicValuesAreMpints => false;

    /// <summary>Starts one exchange with fresh ephemeral keys.</summary>
    public abstract KeyExchangeMethod Start(bool isServer);
}
