using System.Security.Cryptography;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Crypto.KeyExchange;

/// <summary>curve25519-sha256 and curve25519-sha256@libssh.org (RFC 8731).</summary>
internal sealed class Curve25519KeyExchange(string name) : KeyExchangeAlgorithm
{
    public override string Name { get; } = name;

    public override HashAlgorithmName HashAlgorithm => HashAlgorithmName.SHA256;

    public override KeyExchangeMethod Start(bool isServer) => new Run();

    private sealed class Run : KeyExchangeMethod
    {
        private readonly byte[] _privateKey = X25519.GeneratePrivateKey();

        public Run() => LocalPublicValue = X25519.DerivePublicKey(_privateKey);

        public override byte[] LocalPublicValue { get; }

        public override byte[] ComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue)
        {
            byte[] secret = X25519.Agree(_privateKey, peerPublicValue);
            try
            {
                // RFC 8731 §3.1: the X25519 output is read as a big-endian number and encoded as an mpint.
                using var writer = new SshWriter(48);
                writer.WriteMpint(secret);
                return writer.ToArray();
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }

        public override void Dispose() => CryptographicOperations.ZeroMemory(_privateKey);
    }
}
