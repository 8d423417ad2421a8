using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace Teleport.Ssh.Keys;

/// <summary>
/// Decrypts a PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 §3) protected with PBES2 (RFC 8018 §6.2):
/// PBKDF2 with an HMAC-SHA PRF, then AES-CBC. This is what <c>ssh-keygen -m PKCS8 -N</c> and
/// OpenSSL 3 write. .NET can import such keys only when told the algorithm in advance; decrypting
/// here first lets the plain PKCS#8 reader find it, Ed25519 included. Both primitives are .NET's.
/// </summary>
internal static class Pkcs8Encryption
{
    private const string Pbes2Oid = "1.2.840.113549.1.5.13";
    private const string Pbkdf2Oid = "1.2.840.113549.1.5.12";

    /// <summary>OpenSSL 3 writes 2048 iterations; a file asking for more than this is refused rather than run.</summary>
    private const int MaxIterations = 2_000_000;

    public static byte[] Decrypt(byte[] der, string passphrase)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        AsnReader info = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        AsnReader encryptionAlgorithm = info.ReadSequence();
        string scheme = encryptionAlgorithm.ReadObjectIdentifier();
        if (scheme != Pbes2Oid)
        {
            throw SshKeyFileException.Unsupported($"PKCS#8 keys encrypted with {scheme} are not supported (only PBES2): convert the key with \"ssh-keygen -p -f FILE\"");
        }

        AsnReader parameters = encryptionAlgorithm.ReadSequence();
        encryptionAlgorithm.ThrowIfNotEmpty();
        (byte[] salt, int iterations, int? keyLength, HashAlgorithmName prf) = ReadPbkdf2(parameters.ReadSequence());
        (int keySize, byte[] iv) = ReadCipher(parameters.ReadSequence());
        parameters.ThrowIfNotEmpty();
        byte[] encrypted = info.ReadOctetString();
        info.ThrowIfNotEmpty();

        if (keyLength is { } length && length != keySize)
        {
            throw SshKeyFileException.Malformed($"PBKDF2 key length {length} does not fit the {keySize * 8}-bit cipher");
        }

        if (encrypted.Length == 0 || encrypted.Length % 16 != 0)
        {
            throw SshKeyFileException.Malformed("the encrypted PKCS#8 key is not a whole number of AES blocks");
        }

        byte[] password = Encoding.UTF8.GetBytes(passphrase);
        byte[] key = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, prf, keySize);
        try
        {
            using var aes = Aes.Create();
            aes.SetKey(key);
            return aes.DecryptCbc(encrypted, iv, PaddingMode.PKCS7);
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

    /// <summary>PBKDF2-params: salt OCTET STRING, iterationCount, keyLength OPTIONAL, prf DEFAULT hmacWithSHA1.</summary>
    private static (byte[] Salt, int Iterations, int? KeyLength, HashAlgorithmName Prf) ReadPbkdf2(AsnReader keyDerivation)
    {
        string kdf = keyDerivation.ReadObjectIdentifier();
        if (kdf != Pbkdf2Oid)
        {
            throw SshKeyFileException.Unsupported($"the PBES2 key derivation {kdf} is not supported (only PBKDF2)");
        }

        AsnReader parameters = keyDerivation.ReadSequence();
        keyDerivation.ThrowIfNotEmpty();
        byte[] salt = parameters.ReadOctetString();
        if (!parameters.TryReadInt32(out int iterations) || iterations is < 1 or > MaxIterations)
        {
            throw SshKeyFileException.Malformed($"the PBKDF2 iteration count must be 1 to {MaxIterations}");
        }

        int? keyLength = null;
        if (parameters.HasData && parameters.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            keyLength = parameters.TryReadInt32(out int value) ? value : throw SshKeyFileException.Malformed("the PBKDF2 key length is out of range");
        }

        HashAlgorithmName prf = HashAlgorithmName.SHA1;
        if (parameters.HasData)
        {
            AsnReader prfIdentifier = parameters.ReadSequence();
            string prfOid = prfIdentifier.ReadObjectIdentifier();
            prf = prfOid switch
            {
                "1.2.840.113549.2.7" => HashAlgorithmName.SHA1,
                "1.2.840.113549.2.9" => HashAlgorithmName.SHA256,
                "1.2.840.113549.2.10" => HashAlgorithmName.SHA384,
                "1.2.840.113549.2.11" => HashAlgorithmName.SHA512,
                _ => throw SshKeyFileException.Unsupported($"the PBKDF2 PRF {prfOid} is not supported"),
            };
            if (prfIdentifier.HasData)
            {
                prfIdentifier.ReadNull();
            }

            prfIdentifier.ThrowIfNotEmpty();
        }

        parameters.ThrowIfNotEmpty();
        return (salt, iterations, keyLength, prf);
    }

    /// <summary>The encryption scheme: an AES-CBC OID (NIST CSOR) with the IV as parameter.</summary>
    private static (int KeySize, byte[] Iv) ReadCipher(AsnReader scheme)
    {
        string oid = scheme.ReadObjectIdentifier();
        int keySize = oid switch
        {
            "2.16.840.1.101.3.4.1.2" => 16,
            "2.16.840.1.101.3.4.1.22" => 24,
            "2.16.840.1.101.3.4.1.42" => 32,
            _ => throw SshKeyFileException.Unsupported($"PKCS#8 keys encrypted with cipher {oid} are not supported (only AES-CBC): convert the key with \"ssh-keygen -p -f FILE\""),
        };
        byte[] iv = scheme.ReadOctetString();
        scheme.ThrowIfNotEmpty();
        if (iv.Length != 16)
        {
            throw SshKeyFileException.Malformed("the AES-CBC IV is not 16 bytes");
        }

        return (keySize, iv);
    }
}
