using System.Numerics;
using System.Security.Cryptography;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Keys;

/// <summary>
/// The wire form of a private key shared by the <c>openssh-key-v1</c> file's private section and
/// the agent's ADD_IDENTITY message (PROTOCOL.key, PROTOCOL.agent): the key type, then per type
/// <list type="bullet">
/// <item>ssh-ed25519: string public key (32), string seed || public key (64)</item>
/// <item>ssh-rsa: mpint n, e, d, iqmp, p, q</item>
/// <item>ecdsa-sha2-*: string curve, string Q, mpint d</item>
/// </list>
/// The comment that follows in both formats is left to the caller.
/// </summary>
internal static class PrivateKeyEncoding
{
    public static void Write(SshWriter writer, SshPrivateKey key)
    {
        writer.WriteString(key.PublicKey.KeyType);
        WriteFields(writer, key);
    }

    /// <summary>Writes the private fields that follow the key type (or a certificate blob, for agents).</summary>
    public static void WriteFields(SshWriter writer, SshPrivateKey key)
    {
        switch (key)
        {
            case Ed25519PrivateKey ed25519:
            {
                ReadOnlySpan<byte> publicKey = ((Ed25519PublicKey)ed25519.PublicKey).PublicKeyBytes;
                writer.WriteString(publicKey);
                Span<byte> secret = stackalloc byte[64];
                ed25519.Seed.CopyTo(secret);
                publicKey.CopyTo(secret[32..]);
                writer.WriteString(secret);
                CryptographicOperations.ZeroMemory(secret);
                break;
            }

            case RsaPrivateKey rsa:
            {
                RSAParameters p = rsa.ExportParameters();
                writer.WriteMpint(p.Modulus);
                writer.WriteMpint(p.Exponent);
                writer.WriteMpint(p.D);
                writer.WriteMpint(p.InverseQ);
                writer.WriteMpint(p.P);
                writer.WriteMpint(p.Q);
                Wipe(p);
                break;
            }

            case EcdsaPrivateKey ecdsa:
            {
                ECParameters p = ecdsa.ExportParameters();
                EcdsaCurve curve = EcdsaCurve.FromCurve(p.Curve);
                writer.WriteString(curve.Identifier);
                writer.WriteString(curve.EncodePoint(p.Q));
                writer.WriteMpint(p.D);
                CryptographicOperations.ZeroMemory(p.D);
                break;
            }

            default:
                throw new ArgumentException($"cannot encode a {key.GetType().Name}", nameof(key));
        }
    }

    public static SshPrivateKey Read(ref SshReader reader)
    {
        string keyType = reader.ReadName();
        return ReadFields(keyType, ref reader);
    }

    /// <summary>Reads the private fields of a plain key of <paramref name="keyType"/>.</summary>
    public static SshPrivateKey ReadFields(string keyType, ref SshReader reader)
    {
        switch (keyType)
        {
            case AlgorithmNames.Ed25519:
            {
                ReadOnlySpan<byte> publicKey = Ed25519PublicKey.ReadPublicKeyBytes(ref reader);
                ReadOnlySpan<byte> secret = reader.ReadString();
                if (secret.Length != 64 || !secret[32..].SequenceEqual(publicKey))
                {
                    throw new SshProtocolException("Ed25519 private key is malformed");
                }

                var key = Ed25519PrivateKey.FromSeed(secret[..32]);
                if (!((Ed25519PublicKey)key.PublicKey).PublicKeyBytes.SequenceEqual(publicKey))
                {
                    key.Dispose();
                    throw new SshProtocolException("Ed25519 private key does not match its public key");
                }

                return key;
            }

            case AlgorithmNames.Rsa:
                return ReadRsa(ref reader);

            case AlgorithmNames.EcdsaNistp256 or AlgorithmNames.EcdsaNistp384 or AlgorithmNames.EcdsaNistp521:
            {
                EcdsaCurve curve = EcdsaCurve.FromKeyType(keyType);
                if (reader.ReadName() != curve.Identifier)
                {
                    throw new SshProtocolException($"ECDSA private key of type {keyType} names another curve");
                }

                ECPoint q = curve.DecodePoint(reader.ReadString());
                ReadOnlySpan<byte> d = reader.ReadMpintMagnitude(curve.FieldSize + 1);
                if (d.Length > curve.FieldSize)
                {
                    throw new SshProtocolException("ECDSA private scalar is too large");
                }

                byte[] fixedD = new byte[curve.FieldSize];
                d.CopyTo(fixedD.AsSpan(curve.FieldSize - d.Length));
                var parameters = new ECParameters { Curve = curve.Curve, Q = q, D = fixedD };
                try
                {
                    return EcdsaPrivateKey.FromECDsa(ECDsa.Create(parameters));
                }
                catch (CryptographicException e)
                {
                    throw new SshProtocolException("ECDSA private key is inconsistent", e);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(fixedD);
                }
            }

            default:
                throw new SshProtocolException($"unsupported private key type {keyType}");
        }
    }

    private static RsaPrivateKey ReadRsa(ref SshReader reader)
    {
        const int maxBytes = (RsaPublicKey.MaximumBits / 8) + 1;
        byte[] n = reader.ReadMpintMagnitude(maxBytes).ToArray();
        byte[] e = reader.ReadMpintMagnitude(16).ToArray();
        byte[] d = reader.ReadMpintMagnitude(maxBytes).ToArray();
        byte[] iqmp = reader.ReadMpintMagnitude(maxBytes).ToArray();
        byte[] p = reader.ReadMpintMagnitude(maxBytes).ToArray();
        byte[] q = reader.ReadMpintMagnitude(maxBytes).ToArray();
        return FromComponents(n, e, d, iqmp, p, q);
    }

    /// <summary>
    /// Builds an RSA key from the components SSH stores; .NET also wants d mod (p-1) and d mod (q-1),
    /// which are derived here. All components are padded to the lengths .NET requires.
    /// </summary>
    internal static RsaPrivateKey FromComponents(byte[] n, byte[] e, byte[] d, byte[] iqmp, byte[] p, byte[] q)
    {
        if (n.Length == 0 || p.Length == 0 || q.Length == 0 || d.Length == 0)
        {
            throw new SshProtocolException("RSA private key is missing components");
        }

        var bigD = new BigInteger(d, isUnsigned: true, isBigEndian: true);
        var bigP = new BigInteger(p, isUnsigned: true, isBigEndian: true);
        var bigQ = new BigInteger(q, isUnsigned: true, isBigEndian: true);
        if (bigP <= BigInteger.One || bigQ <= BigInteger.One)
        {
            // d mod (p-1) below would divide by zero; no real key has such a factor.
            throw new SshProtocolException("RSA private key has an invalid prime factor");
        }

        int half = (n.Length + 1) / 2;
        var parameters = new RSAParameters
        {
            Modulus = n,
            Exponent = e,
            D = Pad(d, n.Length),
            P = Pad(p, half),
            Q = Pad(q, half),
            DP = Pad((bigD % (bigP - 1)).ToByteArray(isUnsigned: true, isBigEndian: true), half),
            DQ = Pad((bigD % (bigQ - 1)).ToByteArray(isUnsigned: true, isBigEndian: true), half),
            InverseQ = Pad(iqmp, half),
        };
        try
        {
            return RsaPrivateKey.FromRsa(RSA.Create(parameters));
        }
        catch (CryptographicException ex)
        {
            throw new SshProtocolException("RSA private key is inconsistent", ex);
        }
        finally
        {
            Wipe(parameters);
        }
    }

    private static byte[] Pad(byte[] value, int length)
    {
        if (value.Length >= length)
        {
            return value;
        }

        byte[] padded = new byte[length];
        value.CopyTo(padded.AsSpan(length - value.Length));
        return padded;
    }

    private static void Wipe(RSAParameters p)
    {
        foreach (byte[]? secret in new[] { p.D, p.P, p.Q, p.DP, p.DQ, p.InverseQ })
        {
            if (secret is not null)
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }
}
