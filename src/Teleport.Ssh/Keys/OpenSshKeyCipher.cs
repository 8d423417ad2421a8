using System.Security.Cryptography;
using Teleport.Ssh.Crypto;

namespace Teleport.Ssh.Keys;

/// <summary>
/// The ciphers OpenSSH can protect a private key with (PROTOCOL.key; sizes from OpenSSH's
/// cipher.c): the KDF yields key || IV, the private section is encrypted in one piece with the
/// counter, chain or GCM invocation counter starting fresh, and an AEAD tag follows the
/// encrypted string in the file. AES-CTR is libcrypto's; AES-CBC and AES-GCM are .NET's.
/// </summary>
internal sealed class OpenSshKeyCipher
{
    public const string NoneName = "none";

    /// <summary>Unencrypted keys are still padded, to OpenSSH's minimum block size of 8.</summary>
    public static readonly OpenSshKeyCipher None = new(NoneName, Mode.None, blockSize: 8, keySize: 0, ivSize: 0, tagSize: 0);

    /// <summary>ssh-keygen's default since OpenSSH 6.5.</summary>
    public static readonly OpenSshKeyCipher Aes256Ctr = new(AlgorithmNames.Aes256Ctr, Mode.Ctr, 16, 32, 16, 0);

    private static readonly OpenSshKeyCipher[] All =
    [
        None,
        new(AlgorithmNames.Aes128Ctr, Mode.Ctr, 16, 16, 16, 0),
        new(AlgorithmNames.Aes192Ctr, Mode.Ctr, 16, 24, 16, 0),
        Aes256Ctr,
        new("aes128-cbc", Mode.Cbc, 16, 16, 16, 0),
        new("aes192-cbc", Mode.Cbc, 16, 24, 16, 0),
        new("aes256-cbc", Mode.Cbc, 16, 32, 16, 0),
        new(AlgorithmNames.Aes128Gcm, Mode.Gcm, 16, 16, 12, 16),
        new(AlgorithmNames.Aes256Gcm, Mode.Gcm, 16, 32, 12, 16),
    ];

    private readonly Mode _mode;

    private OpenSshKeyCipher(string name, Mode mode, int blockSize, int keySize, int ivSize, int tagSize)
    {
        Name = name;
        _mode = mode;
        BlockSize = blockSize;
        KeySize = keySize;
        IvSize = ivSize;
        TagSize = tagSize;
    }

    private enum Mode
    {
        None,
        Ctr,
        Cbc,
        Gcm,
    }

    public string Name { get; }

    /// <summary>The private section's length is a multiple of this.</summary>
    public int BlockSize { get; }

    public int KeySize { get; }

    public int IvSize { get; }

    /// <summary>Bytes of authentication tag after the encrypted string (GCM only).</summary>
    public int TagSize { get; }

    public bool IsEncrypted => _mode != Mode.None;

    public static OpenSshKeyCipher? Find(string name) => Array.Find(All, cipher => cipher.Name == name);

    /// <summary>
    /// Decrypts <paramref name="input"/> into <paramref name="output"/> (same length) with
    /// <paramref name="keyAndIv"/> from the KDF. Throws <see cref="CryptographicException"/>
    /// when a GCM tag does not verify, which for a key file means a wrong passphrase.
    /// </summary>
    public void Decrypt(ReadOnlySpan<byte> keyAndIv, ReadOnlySpan<byte> input, ReadOnlySpan<byte> tag, Span<byte> output)
    {
        ReadOnlySpan<byte> key = keyAndIv[..KeySize];
        ReadOnlySpan<byte> iv = keyAndIv.Slice(KeySize, IvSize);
        switch (_mode)
        {
            case Mode.Ctr:
            {
                using var cipher = StreamCipher.CreateAesCtr(key, iv);
                cipher.Transform(input, output);
                break;
            }

            case Mode.Cbc:
            {
                using var aes = Aes.Create();
                aes.SetKey(key);
                aes.DecryptCbc(input, iv, output, PaddingMode.None);
                break;
            }

            case Mode.Gcm:
            {
                using var gcm = new AesGcm(key, TagSize);
                gcm.Decrypt(iv, input, tag, output);
                break;
            }

            default:
                input.CopyTo(output);
                break;
        }
    }

    /// <summary>Encrypts in one piece; <paramref name="tag"/> receives the GCM tag when there is one.</summary>
    public void Encrypt(ReadOnlySpan<byte> keyAndIv, ReadOnlySpan<byte> input, Span<byte> output, Span<byte> tag)
    {
        ReadOnlySpan<byte> key = keyAndIv[..KeySize];
        ReadOnlySpan<byte> iv = keyAndIv.Slice(KeySize, IvSize);
        switch (_mode)
        {
            case Mode.Ctr:
            {
                using var cipher = StreamCipher.CreateAesCtr(key, iv);
                cipher.Transform(input, output);
                break;
            }

            case Mode.Cbc:
            {
                using var aes = Aes.Create();
                aes.SetKey(key);
                aes.EncryptCbc(input, iv, output, PaddingMode.None);
                break;
            }

            case Mode.Gcm:
            {
                using var gcm = new AesGcm(key, TagSize);
                gcm.Encrypt(iv, input, output, tag);
                break;
            }

            default:
                input.CopyTo(output);
                break;
        }
    }
}
