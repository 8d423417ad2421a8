using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Teleport.Ssh.Keys;

/// <summary>
/// The OpenSSL key files that ssh-keygen also reads and writes (<c>-m PEM</c>, <c>-m PKCS8</c>):
/// <c>PRIVATE KEY</c> (PKCS#8, RFC 5208/5958: RSA, ECDSA on the NIST curves, Ed25519 per
/// RFC 8410), <c>ENCRYPTED PRIVATE KEY</c> (PKCS#8 with PBES2), <c>RSA PRIVATE KEY</c> (PKCS#1)
/// and <c>EC PRIVATE KEY</c> (SEC1), the last two optionally with legacy PEM encryption. The
/// DER parsers are .NET's, except for Ed25519, which .NET does not have.
/// </summary>
internal static class PemPrivateKeyReader
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string Ed25519Oid = "1.3.101.112";
    private const string Ed448Oid = "1.3.101.113";
    private const string DsaOid = "1.2.840.10040.4.1";

    public static SshPrivateKey Read(PemBlock block, string? passphrase)
    {
        try
        {
            switch (block.Label)
            {
                case "PRIVATE KEY":
                    return ReadPkcs8(block.Data);

                case "ENCRYPTED PRIVATE KEY":
                {
                    byte[] decrypted = Pkcs8Encryption.Decrypt(block.Data, RequirePassphrase(passphrase));
                    try
                    {
                        return ReadPkcs8(decrypted, encrypted: true);
                    }
                    catch (CryptographicException e)
                    {
                        // The padding happened to look right but the key inside is garbage.
                        throw SshKeyFileException.IncorrectPassphrase(e);
                    }
                    finally
                    {
                        CryptographicOperations.ZeroMemory(decrypted);
                    }
                }

                case "RSA PRIVATE KEY":
                    return ReadLegacy(block, passphrase, static der =>
                    {
                        var rsa = RSA.Create();
                        return ImportWhole(rsa, der, static (r, d) => { r.ImportRSAPrivateKey(d, out int n); return n; }, FromRsa);
                    });

                case "EC PRIVATE KEY":
                    return ReadLegacy(block, passphrase, static der =>
                    {
                        var ecdsa = ECDsa.Create();
                        return ImportWhole(ecdsa, der, static (e, d) => { e.ImportECPrivateKey(d, out int n); return n; }, FromECDsa);
                    });

                case "DSA PRIVATE KEY":
                    throw SshKeyFileException.Unsupported("DSA keys are not supported");

                default:
                    throw SshKeyFileException.Unsupported($"a \"{block.Label}\" block is not a private key format this library reads");
            }
        }
        catch (CryptographicException e)
        {
            throw SshKeyFileException.Malformed($"the {block.Label} is malformed", e);
        }
        catch (AsnContentException e)
        {
            throw SshKeyFileException.Malformed($"the {block.Label} is malformed", e);
        }
        catch (NotSupportedException e)
        {
            // .NET names an EC curve it cannot use with PlatformNotSupportedException.
            throw SshKeyFileException.Unsupported($"the {block.Label} uses a curve or parameters this library does not support: {e.Message}", e);
        }
    }

    /// <summary>PrivateKeyInfo / OneAsymmetricKey: version, algorithm, privateKey, [0] attributes, [1] publicKey.</summary>
    private static SshPrivateKey ReadPkcs8(byte[] der, bool encrypted = false)
    {
        string algorithm;
        byte[]? ed25519Seed = null;
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            AsnReader info = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            if (!info.TryReadInt32(out int version) || version is not (0 or 1))
            {
                throw SshKeyFileException.Malformed("the PKCS#8 version is neither 0 nor 1");
            }

            AsnReader algorithmIdentifier = info.ReadSequence();
            algorithm = algorithmIdentifier.ReadObjectIdentifier();
            if (algorithm == Ed25519Oid)
            {
                // RFC 8410 §7: no parameters; privateKey is an OCTET STRING holding the
                // CurvePrivateKey, itself an OCTET STRING of the 32-byte seed.
                algorithmIdentifier.ThrowIfNotEmpty();
                byte[] inner = info.ReadOctetString();
                try
                {
                    ed25519Seed = AsnDecoder.ReadOctetString(inner, AsnEncodingRules.DER, out int consumed);
                    if (consumed != inner.Length || ed25519Seed.Length != 32)
                    {
                        throw SshKeyFileException.Malformed("the Ed25519 private key is not a 32-byte seed");
                    }
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(inner);
                }
            }
        }
        catch (AsnContentException e) when (encrypted)
        {
            // What PBES2 decrypted with a wrong passphrase may still pass the padding check.
            throw SshKeyFileException.IncorrectPassphrase(e);
        }

        switch (algorithm)
        {
            case RsaOid:
                return ImportWhole(RSA.Create(), der, static (r, d) => { r.ImportPkcs8PrivateKey(d, out int n); return n; }, FromRsa);
            case EcPublicKeyOid:
                return ImportWhole(ECDsa.Create(), der, static (e, d) => { e.ImportPkcs8PrivateKey(d, out int n); return n; }, FromECDsa);
            case Ed25519Oid:
                try
                {
                    return Ed25519PrivateKey.FromSeed(ed25519Seed);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(ed25519Seed);
                }

            case Ed448Oid:
                throw SshKeyFileException.Unsupported("Ed448 keys are not supported by SSH");
            case DsaOid:
                throw SshKeyFileException.Unsupported("DSA keys are not supported");
            default:
                throw SshKeyFileException.Unsupported($"PKCS#8 keys of algorithm {algorithm} are not supported");
        }
    }

    private static SshPrivateKey ReadLegacy(PemBlock block, string? passphrase, Func<byte[], SshPrivateKey> import)
    {
        if (!LegacyPemEncryption.IsEncrypted(block))
        {
            return import(block.Data);
        }

        byte[] der = LegacyPemEncryption.Decrypt(block, RequirePassphrase(passphrase));
        try
        {
            return import(der);
        }
        catch (CryptographicException e)
        {
            // The CBC padding happened to look right but the DER inside is garbage.
            throw SshKeyFileException.IncorrectPassphrase(e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>Imports with .NET, requiring the DER to fill the block exactly, and takes ownership.</summary>
    private static SshPrivateKey ImportWhole<T>(T algorithm, byte[] der, Func<T, byte[], int> import, Func<T, SshPrivateKey> wrap)
        where T : AsymmetricAlgorithm
    {
        try
        {
            if (import(algorithm, der) != der.Length)
            {
                throw SshKeyFileException.Malformed("unexpected data after the private key");
            }

            return wrap(algorithm);
        }
        catch
        {
            algorithm.Dispose();
            throw;
        }
    }

    private static SshPrivateKey FromRsa(RSA rsa) =>
        rsa.KeySize < RsaPublicKey.MinimumBits
            ? throw SshKeyFileException.Unsupported($"RSA keys of {rsa.KeySize} bits are below the minimum of {RsaPublicKey.MinimumBits}")
            : RsaPrivateKey.FromRsa(rsa);

    private static SshPrivateKey FromECDsa(ECDsa ecdsa)
    {
        ECParameters parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        if (!parameters.Curve.IsNamed)
        {
            throw SshKeyFileException.Unsupported("ECDSA keys with explicit curve parameters are not supported");
        }

        try
        {
            EcdsaCurve.FromCurve(parameters.Curve);
        }
        catch (ArgumentException)
        {
            throw SshKeyFileException.Unsupported($"ECDSA keys on {parameters.Curve.Oid.FriendlyName ?? parameters.Curve.Oid.Value} are not supported: use nistp256, nistp384 or nistp521");
        }

        return EcdsaPrivateKey.FromECDsa(ecdsa);
    }

    private static string RequirePassphrase(string? passphrase) =>
        string.IsNullOrEmpty(passphrase) ? throw SshKeyFileException.PassphraseRequired() : passphrase;
}
