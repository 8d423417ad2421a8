namespace Teleport.Ssh.Crypto.KeyExchange;

/// <summary>One run of a key exchange: holds the ephemeral private key until it is disposed.</summary>
internal abstract class KeyExchangeMethod : IDisposable
{
    /// <summary>This side's public value: Q_C or e on the client, Q_S or f on the server.</summary>
    public abstract byte[] LocalPublicValue { get; }

    /// <summary>
    /// Combines the peer's public value with the ephemeral key and returns the shared secret K in
    /// its wire encoding (an mpint or string, length prefix included), ready for the exchange hash
    /// and key derivation. A server KEM would encapsulate here and set its reply as LocalPublicValue.
    /// </summary>
    public abstract byte[] ComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue);

    public virtual void Dispose() { }
}
