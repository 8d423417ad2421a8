using System.Runtime.InteropServices;

namespace Teleport.Ssh.Crypto.Native;

/// <summary>
/// The few OpenSSL 3 libcrypto entry points the library needs beyond what .NET exposes: X25519,
/// Ed25519, ChaCha20, Poly1305, AES-CTR, RFC 3526 Diffie-Hellman and the Blowfish block function.
/// .NET itself loads the same library for its own cryptography, so this adds no dependency.
/// </summary>
internal static partial class LibCrypto
{
    private const string Library = "libcrypto.so.3";

    public const int NidX25519 = 1034;
    public const int NidEd25519 = 1087;
    public const int NidModp2048 = 1213;
    public const int NidModp4096 = 1215;

    // EVP_PKEY
    [LibraryImport(Library, EntryPoint = "EVP_PKEY_new_raw_private_key")]
    public static unsafe partial SafeEvpPkeyHandle EvpPkeyNewRawPrivateKey(int type, nint engine, byte* key, nuint keyLength);

    [LibraryImport(Library, EntryPoint = "EVP_PKEY_new_raw_public_key")]
    public static unsafe partial SafeEvpPkeyHandle EvpPkeyNewRawPublicKey(int type, nint engine, byte* key, nuint keyLength);

    [LibraryImport(Library, EntryPoint = "EVP_PKEY_get_raw_public_key")]
    public static unsafe partial int EvpPkeyGetRawPublicKey(SafeEvpPkeyHandle key, byte* publicKey, ref nuint length);

    [LibraryImport(Library, EntryPoint = "EVP_PKEY_free")]
    public static partial void EvpPkeyFree(nint key);

    [LibraryImport(Library, EntryPoint = "EVP_PKEY_CTX_new")]
    public static partial nint EvpPkeyCtxNew(SafeEvpPkeyHandle key, nint engine);

    [LibraryImport(Library, EntryPoint = "EVP_PKEY_CTX_free")]
    public static partial void EvpPkeyCtxFree(nint context);

    [LibraryImport(Library, EntryPoint = "EVP_PKEY_derive_init")]
    public static partial int EvpPkeyDeriveInit(nint context);

    [LibraryImport(Library, EntryPoint = "EVP_PKEY_derive_set_peer")]
    public static partial int EvpPkeyDeriveSetPeer(nint context, SafeEvpPkeyHandle peer);

    [LibraryImport(Library, EntryPoint = "EVP_PKEY_derive")]
    public static unsafe partial int EvpPkeyDerive(nint context, byte* secret, ref nuint secretLength);

    // EVP_MD_CTX for one-shot Ed25519 signatures
    [LibraryImport(Library, EntryPoint = "EVP_MD_CTX_new")]
    public static partial nint EvpMdCtxNew();

    [LibraryImport(Library, EntryPoint = "EVP_MD_CTX_free")]
    public static partial void EvpMdCtxFree(nint context);

    [LibraryImport(Library, EntryPoint = "EVP_DigestSignInit")]
    public static partial int EvpDigestSignInit(nint context, nint pkeyContext, nint digest, nint engine, SafeEvpPkeyHandle key);

    [LibraryImport(Library, EntryPoint = "EVP_DigestSign")]
    public static unsafe partial int EvpDigestSign(nint context, byte* signature, ref nuint signatureLength, byte* data, nuint dataLength);

    [LibraryImport(Library, EntryPoint = "EVP_DigestVerifyInit")]
    public static partial int EvpDigestVerifyInit(nint context, nint pkeyContext, nint digest, nint engine, SafeEvpPkeyHandle key);

    [LibraryImport(Library, EntryPoint = "EVP_DigestVerify")]
    public static unsafe partial int EvpDigestVerify(nint context, byte* signature, nuint signatureLength, byte* data, nuint dataLength);

    // EVP_CIPHER for ChaCha20 and AES-CTR
    [LibraryImport(Library, EntryPoint = "EVP_chacha20")]
    public static partial nint EvpChaCha20();

    [LibraryImport(Library, EntryPoint = "EVP_aes_128_ctr")]
    public static partial nint EvpAes128Ctr();

    [LibraryImport(Library, EntryPoint = "EVP_aes_192_ctr")]
    public static partial nint EvpAes192Ctr();

    [LibraryImport(Library, EntryPoint = "EVP_aes_256_ctr")]
    public static partial nint EvpAes256Ctr();

    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_CTX_new")]
    public static partial SafeEvpCipherCtxHandle EvpCipherCtxNew();

    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_CTX_free")]
    public static partial void EvpCipherCtxFree(nint context);

    [LibraryImport(Library, EntryPoint = "EVP_EncryptInit_ex")]
    public static unsafe partial int EvpEncryptInitEx(SafeEvpCipherCtxHandle context, nint cipher, nint engine, byte* key, byte* iv);

    [LibraryImport(Library, EntryPoint = "EVP_EncryptUpdate")]
    public static unsafe partial int EvpEncryptUpdate(SafeEvpCipherCtxHandle context, byte* output, out int outputLength, byte* input, int inputLength);

    // EVP_MAC for Poly1305
    [LibraryImport(Library, EntryPoint = "EVP_MAC_fetch", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint EvpMacFetch(nint libraryContext, string algorithm, nint properties);

    [LibraryImport(Library, EntryPoint = "EVP_MAC_free")]
    public static partial void EvpMacFree(nint mac);

    [LibraryImport(Library, EntryPoint = "EVP_MAC_CTX_new")]
    public static partial SafeEvpMacCtxHandle EvpMacCtxNew(nint mac);

    [LibraryImport(Library, EntryPoint = "EVP_MAC_CTX_free")]
    public static partial void EvpMacCtxFree(nint context);

    [LibraryImport(Library, EntryPoint = "EVP_MAC_init")]
    public static unsafe partial int EvpMacInit(SafeEvpMacCtxHandle context, byte* key, nuint keyLength, nint parameters);

    [LibraryImport(Library, EntryPoint = "EVP_MAC_update")]
    public static unsafe partial int EvpMacUpdate(SafeEvpMacCtxHandle context, byte* data, nuint dataLength);

    [LibraryImport(Library, EntryPoint = "EVP_MAC_final")]
    public static unsafe partial int EvpMacFinal(SafeEvpMacCtxHandle context, byte* output, out nuint outputLength, nuint outputSize);

    // Finite-field Diffie-Hellman over the RFC 3526 groups
    [LibraryImport(Library, EntryPoint = "DH_new_by_nid")]
    public static partial SafeDhHandle DhNewByNid(int nid);

    [LibraryImport(Library, EntryPoint = "DH_free")]
    public static partial void DhFree(nint dh);

    [LibraryImport(Library, EntryPoint = "DH_generate_key")]
    public static partial int DhGenerateKey(SafeDhHandle dh);

    [LibraryImport(Library, EntryPoint = "DH_get0_pub_key")]
    public static partial nint DhGet0PubKey(SafeDhHandle dh);

    [LibraryImport(Library, EntryPoint = "DH_size")]
    public static partial int DhSize(SafeDhHandle dh);

    [LibraryImport(Library, EntryPoint = "DH_check_pub_key")]
    public static partial int DhCheckPubKey(SafeDhHandle dh, nint publicKey, out int codes);

    [LibraryImport(Library, EntryPoint = "DH_compute_key")]
    public static unsafe partial int DhComputeKey(byte* secret, nint peerPublicKey, SafeDhHandle dh);

    [LibraryImport(Library, EntryPoint = "BN_bin2bn")]
    public static unsafe partial nint BnBin2Bn(byte* data, int length, nint existing);

    [LibraryImport(Library, EntryPoint = "BN_bn2bin")]
    public static unsafe partial int BnBn2Bin(nint number, byte* output);

    [LibraryImport(Library, EntryPoint = "BN_num_bits")]
    public static partial int BnNumBits(nint number);

    [LibraryImport(Library, EntryPoint = "BN_free")]
    public static partial void BnFree(nint number);

    // Blowfish block function, for bcrypt_pbkdf (OpenSSH private key encryption). The key is a
    // BF_KEY: uint P[18] then uint S[1024]; data is the block as two host-order words (L, R).
    // bcrypt_pbkdf calls it millions of times per key; it neither blocks nor calls back, so the
    // GC transition is skipped.
    [LibraryImport(Library, EntryPoint = "BF_encrypt")]
    [SuppressGCTransition]
    public static unsafe partial void BfEncrypt(uint* data, uint* key);

    // The standard Blowfish key schedule, used only by the tests that prove the EksBlowfish
    // initial state (computed from pi) against OpenSSL's own table.
    [LibraryImport(Library, EntryPoint = "BF_set_key")]
    public static unsafe partial void BfSetKey(uint* key, int length, byte* data);

    [LibraryImport(Library, EntryPoint = "ERR_clear_error")]
    public static partial void ErrClearError();

    /// <summary>Turns a libcrypto failure into an exception that names the operation, never the data.</summary>
    public static void Check(bool ok, string operation)
    {
        if (!ok)
        {
            ErrClearError();
            throw new System.Security.Cryptography.CryptographicException($"libcrypto: {operation} failed");
        }
    }
}
