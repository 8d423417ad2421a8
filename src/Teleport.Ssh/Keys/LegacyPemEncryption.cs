using System.Security.Cryptography;
using System.Text;

namespace Teleport.Ssh.Keys;

/// <summary>
/// OpenSSL's legacy PEM encryption (RFC 1421 headers, what <c>ssh-keygen -m PEM -N</c> writes):
/// <c>Proc-Type: 4,ENCRYPTED</c> and <c>DEK-Info: AES-128-CBC,hex IV</c>; the key is OpenSSL's
/// <c>EVP_BytesToKey</c> with MD5, one iteration and the first 8 IV bytes as salt, and the DER is
/// CBC-encrypted with PKCS#7 padding. MD5 and a single iteration make this format weak, which is
/// why ssh-keygen moved away from it; it is read here so existing keys keep working.
/// </summary>
internal static class LegacyPemEncryption
{
    private const int SaltSize = 8;

    public static bool IsEncrypted(PemBlock block) =>
        block.Headers.TryGetValue("Proc-Type", out string? procType)
        && procType.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("4,ENCRYPTED", StringComparison.OrdinalIgnoreCase);

    public static byte[] Decrypt(PemBlock block, string passphrase)
    {
        if (!block.Headers.TryGetValue("DEK-Info", out string? dekInfo))
        {
            throw SshKeyFileException.Malformed("an encrypted PEM key has no DEK-Info header");
        }

        int comma = dekInfo.IndexOf(',', StringComparison.Ordinal);
        string cipherName = comma < 0 ? dekInfo : dekInfo[..comma].Trim();
        (int keySize, int blockSize, Func<SymmetricAlgorithm> create) = cipherName.ToUpperInvariant() switch
        {
            "AES-128-CBC" => (16, 16, Aes.Create),
            "AES-192-CBC" => (24, 16, Aes.Create),
            "AES-256-CBC" => (32, 16, Aes.Create),
            "DES-EDE3-CBC" => (24, 8, (Func<SymmetricAlgorithm>)TripleDES.Create),
            _ => throw SshKeyFileException.Unsupported($"PEM keys encrypted with {cipherName} are not supported: convert the key with \"ssh-keygen -p -f FILE\""),
        };

        byte[] iv;
        try
        {
            iv = Convert.FromHexString(comma < 0 ? string.Empty : dekInfo[(comma + 1)..].Trim());
        }
        catch (FormatException e)
        {
            throw SshKeyFileException.Malformed("the DEK-Info IV is not hexadecimal", e);
        }

        if (iv.Length != blockSize)
        {
            throw SshKeyFileException.Malformed($"the DEK-Info IV of {iv.Length} bytes does not fit {cipherName}");
        }

        if (block.Data.Length == 0 || block.Data.Length % blockSize != 0)
        {
            throw SshKeyFileException.Malformed("the encrypted PEM key is not a whole number of cipher blocks");
        }

        byte[] password = Encoding.UTF8.GetBytes(passphrase);
        byte[] key = BytesToKey(password, iv.AsSpan(0, SaltSize), keySize);
        try
        {
            using SymmetricAlgorithm cipher = create();
            cipher.SetKey(key);
            return cipher.DecryptCbc(block.Data, iv, PaddingMode.PKCS7);
        }
        catch (CryptographicException e)
        {
            // Bad PKCS#7 padding after decryption: the passphrase gave the wrong key.
            throw SshKeyFileException.IncorrectPassphrase(e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>EVP_BytesToKey(MD5, count 1): D_i = MD5(D_(i-1) || password || salt), key = D_1 || D_2 || ...</summary>
    private static byte[] BytesToKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int keySize)
    {
        byte[] key = new byte[keySize];
        byte[] input = new byte[MD5.HashSizeInBytes + password.Length + salt.Length];
        Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
        int previous = 0;
        try
        {
            for (int filled = 0; filled < keySize; filled += digest.Length)
            {
                digest[..previous].CopyTo(input);
                password.CopyTo(input.AsSpan(previous));
                salt.CopyTo(input.AsSpan(previous + password.Length));
                MD5.HashData(input.AsSpan(0, previous + password.Length + salt.Length), digest);
                digest[..Math.Min(digest.Length, keySize - filled)].CopyTo(key.AsSpan(filled));
                previous = digest.Length;
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
            CryptographicOperations.ZeroMemory(digest);
        }
    }
}
