using System.Security.Cryptography;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Crypto.KeyExchange;

/// <summary>diffie-hellman-group14-sha256 and diffie-hellman-group16-sha512 (RFC 8268) over the RFC 3526 groups.</summary>
internal sealed class ModpKeyExchange(string name, int groupNid, HashAlgorithmName hash) : KeyExchangeAlgorithm
{
    public override string Name { get; } = name;

    public override HashAlgorithmName HashAlgorithm { get; } = hash;

    public override bool PublicValuesAreMpints => true;

    public override KeyExchangeMethod Start(bool isServer) => new Run(groupNid);

    private sealed class Run : KeyExchangeMethod
    {
        private readonly ModpDiffieHellman _dh;

        public Run(int groupNid)
        {
            _dh = new ModpDiffieHellman(groupNid);
            LocalPublicValue = _dh.GetPublicKey();
        }

        public override byte[] LocalPublicValue { get; }

        public override byte[] ComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue)
        {
            byte[] secret = _dh.Agree(peerPublicValue);
            using var writer = new SshWriter(secret.Length + 8);
            writer.WriteMpint(secret);
            CryptographicOperations.ZeroMemory(secret);
            return writer.ToArray();
        }

        public override void Dispose() => _dh.Dispose();
    }
}
