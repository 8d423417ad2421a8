using System.Security.Cryptography;
using Teleport.Ssh.Crypto.Native;

namespace Teleport.Ssh.Crypto;

/// <summary>X25519 (RFC 7748) from libcrypto: the primitive behind curve25519-sha256 (RFC 8731).</summary>
internal static class X25519
{
    public const int KeySize = 32;

    /// <summary>A fresh private scalar; libcrypto clamps it when used.</summary>
    public static byte[] GeneratePrivateKey() => RandomNumberGenerator.GetBytes(KeySize);

    public static unsafe byte[] DerivePublicKey(ReadOnlySpan<byte> privateKey)
    {
        using SafeEvpPkeyHandle key = ImportPrivate(privateKey);
        byte[] publicKey = new byte[KeySize];
        nuint length = KeySize;
        fixed (byte* p = publicKey)
        {
            LibCrypto.Check(LibCrypto.EvpPkeyGetRawPublicKey(key, p, ref length) == 1 && length == KeySize, "X25519 public key");
        }

        return publicKey;
    }

    /// <summary>
    /// The shared secret with the peer's public key. Refuses a peer key of the wrong size and an
    /// all-zero result (RFC 8731 §3: a low-order point).
    /// </summary>
    public static unsafe byte[] Agree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey)
    {
        if (peerPublicKey.Length != KeySize)
        {
            throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, $"X25519 public key of {peerPublicKey.Length} bytes, expected {KeySize}");
        }

        using SafeEvpPkeyHandle key = ImportPrivate(privateKey);
        SafeEvpPkeyHandle peer;
        fixed (byte* p = peerPublicKey)
        {
            peer = LibCrypto.EvpPkeyNewRawPublicKey(LibCrypto.NidX25519, 0, p, KeySize);
        }

        using (peer)
        {
            LibCrypto.Check(!peer.IsInvalid, "X25519 peer key");
            nint context = LibCrypto.EvpPkeyCtxNew(key, 0);
            LibCrypto.Check(context != 0, "X25519 context");
            try
            {
                byte[] secret = new byte[KeySize];
                nuint length = KeySize;
                fixed (byte* s = secret)
                {
                    bool ok = LibCrypto.EvpPkeyDeriveInit(context) == 1
                        && LibCrypto.EvpPkeyDeriveSetPeer(context, peer) == 1
                        && LibCrypto.EvpPkeyDerive(context, s, ref length) == 1
                        && length == KeySize;
                    if (!ok)
                    {
                        LibCrypto.ErrClearError();
                        throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, "X25519 key agreement failed");
                    }
                }

                // libcrypto already refuses an all-zero result; check again rather than rely on it.
                if (secret.AsSpan().IndexOfAnyExcept((byte)0) < 0)
                {
                    throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, "X25519 shared secret is zero");
                }

                return secret;
            }
            finally
            {
                LibCrypto.EvpPkeyCtxFree(context);
            }
        }
    }

    private static unsafe SafeEvpPkeyHandle ImportPrivate(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != KeySize)
        {
            throw new ArgumentException("X25519 private key must be 32 bytes", nameof(privateKey));
        }

        fixed (byte* p = privateKey)
        {
            SafeEvpPkeyHandle key = LibCrypto.EvpPkeyNewRawPrivateKey(LibCrypto.NidX25519, 0, p, KeySize);
            LibCrypto.Check(!key.IsInvalid, "X25519 private key");
            return key;
        }
    }
}
