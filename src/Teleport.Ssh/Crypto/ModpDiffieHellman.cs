using Teleport.Ssh.Crypto.Native;

namespace Teleport.Ssh.Crypto;

/// <summary>
/// Finite-field Diffie-Hellman over an RFC 3526 MODP group from libcrypto: the primitive behind
/// diffie-hellman-group14-sha256 and diffie-hellman-group16-sha512 (RFC 8268).
/// </summary>
internal sealed class ModpDiffieHellman : IDisposable
{
    private readonly SafeDhHandle _dh;

    public ModpDiffieHellman(int nid)
    {
        _dh = LibCrypto.DhNewByNid(nid);
        LibCrypto.Check(!_dh.IsInvalid, "DH group");
        LibCrypto.Check(LibCrypto.DhGenerateKey(_dh) == 1, "DH key generation");
    }

    /// <summary>Our public value, big-endian magnitude.</summary>
    public unsafe byte[] GetPublicKey()
    {
        nint publicKey = LibCrypto.DhGet0PubKey(_dh);
        byte[] bytes = new byte[(LibCrypto.BnNumBits(publicKey) + 7) / 8];
        fixed (byte* b = bytes)
        {
            LibCrypto.BnBn2Bin(publicKey, b);
        }

        return bytes;
    }

    /// <summary>
    /// The shared secret with the peer's public value (big-endian magnitude). The peer value must
    /// lie in [2, p-2] (RFC 4253 §8 and SP 800-56A's partial validation).
    /// </summary>
    public unsafe byte[] Agree(ReadOnlySpan<byte> peerPublicKey)
    {
        int size = LibCrypto.DhSize(_dh);
        if (peerPublicKey.IsEmpty || peerPublicKey.Length > size)
        {
            throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, "Diffie-Hellman public value out of range");
        }

        nint peer;
        fixed (byte* p = peerPublicKey)
        {
            peer = LibCrypto.BnBin2Bn(p, peerPublicKey.Length, 0);
        }

        LibCrypto.Check(peer != 0, "DH peer value");
        try
        {
            if (LibCrypto.DhCheckPubKey(_dh, peer, out int codes) != 1 || codes != 0)
            {
                LibCrypto.ErrClearError();
                throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, "Diffie-Hellman public value out of range");
            }

            byte[] secret = new byte[size];
            int length;
            fixed (byte* s = secret)
            {
                length = LibCrypto.DhComputeKey(s, peer, _dh);
            }

            if (length <= 0)
            {
                LibCrypto.ErrClearError();
                throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, "Diffie-Hellman agreement failed");
            }

            byte[] result = secret.AsSpan(0, length).ToArray();
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
            return result;
        }
        finally
        {
            LibCrypto.BnFree(peer);
        }
    }

    public void Dispose() => _dh.Dispose();
}
