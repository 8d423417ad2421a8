using Teleport.Ssh.Crypto.Native;

namespace Teleport.Ssh.Crypto;

/// <summary>Ed25519 (RFC 8032) signatures from libcrypto, over raw 32-byte seeds and public keys.</summary>
internal static class Ed25519
{
    public const int SeedSize = 32;
    public const int PublicKeySize = 32;
    public const int SignatureSize = 64;

    /// <summary>Imports a 32-byte private seed into a reusable libcrypto key.</summary>
    public static unsafe SafeEvpPkeyHandle ImportPrivateKey(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize)
        {
            throw new ArgumentException("Ed25519 seed must be 32 bytes", nameof(seed));
        }

        fixed (byte* p = seed)
        {
            SafeEvpPkeyHandle key = LibCrypto.EvpPkeyNewRawPrivateKey(LibCrypto.NidEd25519, 0, p, SeedSize);
            LibCrypto.Check(!key.IsInvalid, "Ed25519 private key");
            return key;
        }
    }

    public static unsafe byte[] GetPublicKey(SafeEvpPkeyHandle key)
    {
        byte[] publicKey = new byte[PublicKeySize];
        nuint length = PublicKeySize;
        fixed (byte* p = publicKey)
        {
            LibCrypto.Check(LibCrypto.EvpPkeyGetRawPublicKey(key, p, ref length) == 1 && length == PublicKeySize, "Ed25519 public key");
        }

        return publicKey;
    }

    public static unsafe byte[] Sign(SafeEvpPkeyHandle key, ReadOnlySpan<byte> data)
    {
        nint context = LibCrypto.EvpMdCtxNew();
        LibCrypto.Check(context != 0, "Ed25519 context");
        try
        {
            byte[] signature = new byte[SignatureSize];
            nuint length = SignatureSize;
            fixed (byte* s = signature)
            fixed (byte* d = data)
            {
                LibCrypto.Check(
                    LibCrypto.EvpDigestSignInit(context, 0, 0, 0, key) == 1
                    && LibCrypto.EvpDigestSign(context, s, ref length, d, (nuint)data.Length) == 1
                    && length == SignatureSize,
                    "Ed25519 signature");
            }

            return signature;
        }
        finally
        {
            LibCrypto.EvpMdCtxFree(context);
        }
    }

    public static unsafe bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeySize || signature.Length != SignatureSize)
        {
            return false;
        }

        SafeEvpPkeyHandle key;
        fixed (byte* p = publicKey)
        {
            key = LibCrypto.EvpPkeyNewRawPublicKey(LibCrypto.NidEd25519, 0, p, PublicKeySize);
        }

        using (key)
        {
            if (key.IsInvalid)
            {
                LibCrypto.ErrClearError();
                return false;
            }

            nint context = LibCrypto.EvpMdCtxNew();
            LibCrypto.Check(context != 0, "Ed25519 context");
            try
            {
                fixed (byte* s = signature)
                fixed (byte* d = data)
                {
                    bool valid = LibCrypto.EvpDigestVerifyInit(context, 0, 0, 0, key) == 1
                        && LibCrypto.EvpDigestVerify(context, s, SignatureSize, d, (nuint)data.Length) == 1;
                    if (!valid)
                    {
                        LibCrypto.ErrClearError();
                    }

                    return valid;
                }
            }
            finally
            {
                LibCrypto.EvpMdCtxFree(context);
            }
        }
    }
}
