using System.Security.Cryptography;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Crypto.KeyExchange;

/// <summary>ecdh-sha2-nistp256/384/521 (RFC 5656 §4) with .NET's ECDiffieHellman.</summary>
internal sealed class EcdhKeyExchange : KeyExchangeAlgorithm
{
    private readonly EcdsaCurve _curve;

    public EcdhKeyExchange(string name, EcdsaCurve curve, HashAlgorithmName hash)
    {
        Name = name;
        _curve = curve;
        HashAlgorithm = hash;
    }

    public override string Name { get; }

    public override HashAlgorithmName HashAlgorithm { get; }

    public override KeyExchangeMethod Start(bool isServer) => new Run(_curve);

    private sealed class Run : KeyExchangeMethod
    {
        private readonly EcdsaCurve _curve;
        private readonly ECDiffieHellman _ecdh;

        public Run(EcdsaCurve curve)
        {
            _curve = curve;
            _ecdh = ECDiffieHellman.Create(curve.Curve);
            LocalPublicValue = curve.EncodePoint(_ecdh.ExportParameters(includePrivateParameters: false).Q);
        }

        public override byte[] LocalPublicValue { get; }

        public override byte[] ComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue)
        {
            ECPoint point;
            try
            {
                point = _curve.DecodePoint(peerPublicValue);
            }
            catch (SshProtocolException e)
            {
                throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, e.Message);
            }

            try
            {
                // Importing validates that the point is on the curve (RFC 5656 §4 requires the check).
                using ECDiffieHellman peer = ECDiffieHellman.Create(new ECParameters { Curve = _curve.Curve, Q = point });
                byte[] secret = _ecdh.DeriveRawSecretAgreement(peer.PublicKey);
                using var writer = new SshWriter(secret.Length + 8);
                writer.WriteMpint(secret);
                CryptographicOperations.ZeroMemory(secret);
                return writer.ToArray();
            }
            catch (CryptographicException e)
            {
                throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, "ECDH public value is not a valid point: " + e.Message);
            }
        }

        public override void Dispose() => _ecdh.Dispose();
    }
}
