using System.Security.Cryptography;
using System.Text;
using Teleport.Ssh.Crypto;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Keys;

/// <summary>
/// OpenSSH's private key file, <c>openssh-key-v1</c> (OpenSSH PROTOCOL.key), as ssh-keygen
/// writes it by default:
/// <code>
/// "openssh-key-v1" 0x00, string ciphername, string kdfname, string kdfoptions,
/// uint32 number of keys N (always 1), string publickey, string encrypted private section
/// private section: uint32 checkint, uint32 checkint, key type and fields, string comment,
///                  padding 1, 2, 3, ... to the cipher's block size
/// </code>
/// Encrypted keys use kdf <c>bcrypt</c> (kdfoptions: string salt, uint32 rounds) to derive the
/// cipher's key and IV from the passphrase; the equal check-ints reveal a wrong passphrase.
/// </summary>
public static class OpenSshPrivateKeyFile
{
    /// <summary>The label of the armor: <c>-----BEGIN OPENSSH PRIVATE KEY-----</c>.</summary>
    public const string PemLabel = "OPENSSH PRIVATE KEY";

    /// <summary>ssh-keygen's default bcrypt rounds (its <c>-a</c>).</summary>
    public const int DefaultRounds = 16;

    /// <summary>
    /// More bcrypt rounds than this are refused rather than run: ssh-keygen's default is 16 and
    /// guides suggest 100, while a file asking for billions would hang the reader.
    /// </summary>
    public const int MaxRounds = 100_000;

    private const string KdfNone = "none";
    private const string KdfBcrypt = "bcrypt";
    private const int SaltSize = 16;
    private const int MaxSaltSize = 1024;

    /// <summary>ssh-keygen wraps the base64 at 70 characters (sshbuf_dtob64).</summary>
    private const int LineLength = 70;

    private static ReadOnlySpan<byte> AuthMagic => "openssh-key-v1\0"u8;

    /// <summary>
    /// Reads an armored key. Throws <see cref="SshKeyFileException"/>: <c>PassphraseRequired</c>
    /// when it is encrypted and <paramref name="passphrase"/> is null or empty,
    /// <c>IncorrectPassphrase</c>, <c>Unsupported</c> or <c>Malformed</c>.
    /// </summary>
    public static SshPrivateKey Read(string text, string? passphrase = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using PemBlock block = PemArmor.Decode(text);
        if (block.Label != PemLabel)
        {
            throw SshKeyFileException.Unsupported($"expected an {PemLabel} block, found {block.Label}");
        }

        return Read(block.Data, passphrase, MaxRounds);
    }

    /// <summary>Armored file text; with a passphrase, encrypted with aes256-ctr and bcrypt as ssh-keygen does.</summary>
    public static string Write(SshPrivateKey key, string? passphrase = null, int rounds = DefaultRounds)
    {
        byte[] armored = WriteArmored(key, passphrase, rounds);
        try
        {
            return Encoding.ASCII.GetString(armored);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(armored);
        }
    }

    /// <summary>The armored file as bytes, for writing to disk and wiping.</summary>
    internal static byte[] WriteArmored(SshPrivateKey key, string? passphrase, int rounds)
    {
        byte[] binary = WriteBinary(key, passphrase, rounds, checkInt: BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)));
        try
        {
            return PemArmor.Encode(PemLabel, binary, LineLength);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(binary);
        }
    }

    internal static SshPrivateKey Read(ReadOnlySpan<byte> data, string? passphrase, int maxRounds)
    {
        if (!data.StartsWith(AuthMagic))
        {
            throw SshKeyFileException.Malformed("not an openssh-key-v1 key: the magic string is missing");
        }

        try
        {
            var reader = new SshReader(data[AuthMagic.Length..]);
            string cipherName = reader.ReadName();
            string kdfName = reader.ReadName();
            ReadOnlySpan<byte> kdfOptions = reader.ReadString();
            uint keyCount = reader.ReadUInt32();
            if (keyCount != 1)
            {
                throw SshKeyFileException.Unsupported($"the file holds {keyCount} keys; exactly one is supported");
            }

            SshPublicKey publicKey = ReadPublicKey(reader.ReadString());
            OpenSshKeyCipher cipher = OpenSshKeyCipher.Find(cipherName)
                ?? throw SshKeyFileException.Unsupported($"private keys encrypted with {cipherName} are not supported");
            ReadOnlySpan<byte> encrypted = reader.ReadString();
            ReadOnlySpan<byte> tag = reader.ReadBytes(cipher.TagSize);
            reader.EnsureAtEnd("the private key file");
            if (encrypted.IsEmpty || encrypted.Length % cipher.BlockSize != 0)
            {
                throw SshKeyFileException.Malformed($"the private section of {encrypted.Length} bytes is not a multiple of the {cipher.BlockSize}-byte block size");
            }

            byte[] plaintext = new byte[encrypted.Length];
            try
            {
                Decrypt(cipher, kdfName, kdfOptions, passphrase, maxRounds, encrypted, tag, plaintext);
                return ReadPrivateSection(plaintext, publicKey, cipher.IsEncrypted);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
        catch (SshProtocolException e)
        {
            throw SshKeyFileException.Malformed("the private key file is malformed", e);
        }
    }

    private static SshPublicKey ReadPublicKey(ReadOnlySpan<byte> blob)
    {
        string keyType = new SshReader(blob).ReadName();
        if (!PublicKeyText.IsSupportedPlainKeyType(keyType))
        {
            throw SshKeyFileException.Unsupported($"{keyType} keys are not supported");
        }

        return SshPublicKey.Parse(blob);
    }

    private static void Decrypt(
        OpenSshKeyCipher cipher, string kdfName, ReadOnlySpan<byte> kdfOptions, string? passphrase, int maxRounds,
        ReadOnlySpan<byte> encrypted, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        if (!cipher.IsEncrypted)
        {
            if (kdfName != KdfNone || !kdfOptions.IsEmpty)
            {
                throw SshKeyFileException.Malformed($"an unencrypted key names the key derivation {kdfName}");
            }

            encrypted.CopyTo(plaintext);
            return;
        }

        if (kdfName != KdfBcrypt)
        {
            throw kdfName == KdfNone
                ? SshKeyFileException.Malformed($"a key encrypted with {cipher.Name} names no key derivation")
                : SshKeyFileException.Unsupported($"the key derivation {kdfName} is not supported");
        }

        var options = new SshReader(kdfOptions);
        ReadOnlySpan<byte> salt = options.ReadString();
        uint rounds = options.ReadUInt32();
        options.EnsureAtEnd("the bcrypt options");
        if (salt.IsEmpty || salt.Length > MaxSaltSize || rounds == 0)
        {
            throw SshKeyFileException.Malformed($"bcrypt options of {salt.Length} salt bytes and {rounds} rounds are invalid");
        }

        if (rounds > (uint)maxRounds)
        {
            throw SshKeyFileException.Unsupported($"the key asks for {rounds} bcrypt rounds, more than the limit of {maxRounds}");
        }

        if (string.IsNullOrEmpty(passphrase))
        {
            throw SshKeyFileException.PassphraseRequired();
        }

        byte[] password = Encoding.UTF8.GetBytes(passphrase);
        Span<byte> keyAndIv = stackalloc byte[cipher.KeySize + cipher.IvSize];
        try
        {
            BcryptPbkdf.DeriveKey(password, salt, rounds, keyAndIv);
            cipher.Decrypt(keyAndIv, encrypted, tag, plaintext);
        }
        catch (CryptographicException e)
        {
            // Only an AEAD tag mismatch fails here: the key derived from the passphrase is wrong.
            throw SshKeyFileException.IncorrectPassphrase(e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
            CryptographicOperations.ZeroMemory(keyAndIv);
        }
    }

    private static SshPrivateKey ReadPrivateSection(ReadOnlySpan<byte> section, SshPublicKey publicKey, bool encrypted)
    {
        var reader = new SshReader(section);
        uint check1 = reader.ReadUInt32();
        uint check2 = reader.ReadUInt32();
        if (check1 != check2)
        {
            // PROTOCOL.key: the two check-ints are equal before encryption; decrypted with the
            // wrong key they differ (but for a 2^-32 chance, caught by the checks that follow).
            throw encrypted ? SshKeyFileException.IncorrectPassphrase() : SshKeyFileException.Malformed("the check values differ");
        }

        string keyType = reader.ReadName();
        if (keyType != publicKey.KeyType)
        {
            throw encrypted ? SshKeyFileException.IncorrectPassphrase() : SshKeyFileException.Malformed($"the private key is {keyType} but the public key is {publicKey.KeyType}");
        }

        SshPrivateKey key = PrivateKeyEncoding.ReadFields(keyType, ref reader);
        try
        {
            // OpenSSH does not require the comment to be UTF-8; keep what can be shown.
            key.Comment = Encoding.UTF8.GetString(reader.ReadString());
            ReadOnlySpan<byte> padding = reader.ReadRemaining();
            for (int i = 0; i < padding.Length; i++)
            {
                if (padding[i] != (byte)(i + 1))
                {
                    throw SshKeyFileException.Malformed("the padding after the private key is not 1, 2, 3, ...");
                }
            }

            if (!key.PublicKey.Equals(publicKey))
            {
                throw SshKeyFileException.Malformed("the private key does not match the public key in the file");
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    internal static byte[] WriteBinary(SshPrivateKey key, string? passphrase, int rounds, uint checkInt)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (rounds is < 1 or > MaxRounds)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), $"bcrypt rounds must be 1 to {MaxRounds}");
        }

        OpenSshKeyCipher cipher = string.IsNullOrEmpty(passphrase) ? OpenSshKeyCipher.None : OpenSshKeyCipher.Aes256Ctr;
        using var section = new SshWriter(4096);
        section.WriteUInt32(checkInt);
        section.WriteUInt32(checkInt);
        PrivateKeyEncoding.Write(section, key);
        section.WriteString(key.Comment);
        for (byte pad = 1; section.Length % cipher.BlockSize != 0; pad++)
        {
            section.WriteByte(pad);
        }

        using var file = new SshWriter(section.Length + 1024);
        file.WriteRaw(AuthMagic);
        file.WriteString(cipher.Name);
        byte[] salt = cipher.IsEncrypted ? RandomNumberGenerator.GetBytes(SaltSize) : [];
        if (cipher.IsEncrypted)
        {
            file.WriteString(KdfBcrypt);
            int options = file.BeginString();
            file.WriteString(salt);
            file.WriteUInt32((uint)rounds);
            file.EndString(options);
        }
        else
        {
            file.WriteString(KdfNone);
            file.WriteString(ReadOnlySpan<byte>.Empty);
        }

        file.WriteUInt32(1);
        file.WriteString(key.PublicKey.Blob);
        file.WriteUInt32((uint)section.Length);
        // One reservation for both: a second GetSpan could move the buffer under the first span.
        Span<byte> body = file.GetSpan(section.Length + cipher.TagSize);
        Span<byte> encrypted = body[..section.Length];
        Span<byte> tag = body[section.Length..];
        if (cipher.IsEncrypted)
        {
            byte[] password = Encoding.UTF8.GetBytes(passphrase!);
            Span<byte> keyAndIv = stackalloc byte[cipher.KeySize + cipher.IvSize];
            try
            {
                BcryptPbkdf.DeriveKey(password, salt, (uint)rounds, keyAndIv);
                cipher.Encrypt(keyAndIv, section.WrittenSpan, encrypted, tag);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(password);
                CryptographicOperations.ZeroMemory(keyAndIv);
            }
        }
        else
        {
            section.WrittenSpan.CopyTo(encrypted);
        }

        return file.ToArray();
    }
}
