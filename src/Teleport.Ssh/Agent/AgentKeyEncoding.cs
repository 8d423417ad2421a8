using System.Security.Cryptography;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Agent;

/// <summary>
/// The key of SSH_AGENTC_ADD_IDENTITY (draft-miller-ssh-agent, "Adding keys to the agent"): <c>string</c> key type, then
/// per type the private key fields. Plain keys use <see cref="PrivateKeyEncoding"/>'s layout. A
/// certificate's type is followed by the certificate blob and only the private fields the
/// certificate does not already hold:
/// <list type="bullet">
/// <item>ssh-ed25519-cert-v01: string certificate, string ENC(A), string k || ENC(A)</item>
/// <item>ssh-rsa-cert-v01: string certificate, mpint d, mpint iqmp, mpint p, mpint q</item>
/// <item>ecdsa-sha2-nistp*-cert-v01: string certificate, mpint d</item>
/// </list>
/// </summary>
internal static class AgentKeyEncoding
{
    private const int MaxRsaComponentBytes = (RsaPublicKey.MaximumBits / 8) + 1;

    public static void Write(SshWriter writer, SshPrivateKey key, SshCertificate? certificate)
    {
        if (certificate is null)
        {
            PrivateKeyEncoding.Write(writer, key);
            return;
        }

        if (!certificate.Key.Equals(key.PublicKey))
        {
            throw new ArgumentException("the certificate does not certify this key", nameof(certificate));
        }

        writer.WriteString(certificate.KeyType);
        writer.WriteString(certificate.Blob);
        switch (key)
        {
            case Ed25519PrivateKey:
                // Same two strings as the plain key: the public point is repeated inside k || ENC(A).
                PrivateKeyEncoding.WriteFields(writer, key);
                break;

            case RsaPrivateKey rsa:
            {
                RSAParameters p = rsa.ExportParameters();
                try
                {
                    writer.WriteMpint(p.D);
                    writer.WriteMpint(p.InverseQ);
                    writer.WriteMpint(p.P);
                    writer.WriteMpint(p.Q);
                }
                finally
                {
                    Wipe(p.D, p.P, p.Q, p.DP, p.DQ, p.InverseQ);
                }

                break;
            }

            case EcdsaPrivateKey ecdsa:
            {
                ECParameters p = ecdsa.ExportParameters();
                writer.WriteMpint(p.D);
                Wipe(p.D);
                break;
            }

            default:
                throw new ArgumentException($"cannot encode a {key.GetType().Name}", nameof(key));
        }
    }

    /// <summary>
    /// Reads a key and optional certificate. Throws <see cref="SshProtocolException"/> when the bytes
    /// are malformed; returns false with a reason when they are well formed but the key cannot be
    /// taken (a type this library does not support, an RSA key under 2048 bits, a certificate of
    /// another key), which the agent answers with SSH_AGENT_FAILURE.
    /// </summary>
    public static bool TryRead(ref SshReader reader, out SshPrivateKey? key, out SshCertificate? certificate, out string? refusal)
    {
        key = null;
        certificate = null;
        string keyType = reader.ReadName();
        if (IsPlainType(keyType))
        {
            return TryReadFields(keyType, ref reader, out key, out refusal);
        }

        if (!IsCertificateType(keyType))
        {
            refusal = $"unsupported key type {keyType}";
            return false;
        }

        if (SshPublicKey.Parse(reader.ReadString()) is not SshCertificate parsed || parsed.KeyType != keyType)
        {
            throw new SshProtocolException($"the certificate of a {keyType} identity is of another type");
        }

        if (!TryReadCertificateFields(parsed, ref reader, out key, out refusal))
        {
            return false;
        }

        if (!key!.PublicKey.Equals(parsed.Key))
        {
            key.Dispose();
            key = null;
            refusal = "the private key does not match its certificate";
            return false;
        }

        certificate = parsed;
        return true;
    }

    public static bool IsPlainType(string keyType) => keyType is AlgorithmNames.Ed25519 or AlgorithmNames.Rsa
        or AlgorithmNames.EcdsaNistp256 or AlgorithmNames.EcdsaNistp384 or AlgorithmNames.EcdsaNistp521;

    public static bool IsCertificateType(string keyType) => keyType is AlgorithmNames.Ed25519Cert or AlgorithmNames.RsaCert
        or AlgorithmNames.EcdsaNistp256Cert or AlgorithmNames.EcdsaNistp384Cert or AlgorithmNames.EcdsaNistp521Cert;

    private static bool TryReadCertificateFields(SshCertificate certificate, ref SshReader reader, out SshPrivateKey? key, out string? refusal)
    {
        string baseType = certificate.BaseKeyType;
        if (baseType == AlgorithmNames.Ed25519)
        {
            return TryReadFields(baseType, ref reader, out key, out refusal);
        }

        // RSA and ECDSA certificates leave out the public fields the certificate holds: put them
        // back and read the result as a plain key, so both paths share the plain key's checks.
        using var plain = new SshWriter(MaxRsaComponentBytes * 2);
        if (certificate.Key is RsaPublicKey rsa)
        {
            RSAParameters publicParameters = rsa.ExportParameters();
            plain.WriteMpint(publicParameters.Modulus);
            plain.WriteMpint(publicParameters.Exponent);
            for (int i = 0; i < 4; i++)
            {
                // d, iqmp, p, q in the order PROTOCOL.agent gives, which is also the plain key's.
                plain.WriteMpint(reader.ReadMpintMagnitude(MaxRsaComponentBytes));
            }
        }
        else
        {
            var ecdsa = (EcdsaPublicKey)certificate.Key;
            EcdsaCurve curve = EcdsaCurve.FromKeyType(baseType);
            plain.WriteString(curve.Identifier);
            plain.WriteString(curve.EncodePoint(ecdsa.ExportParameters().Q));
            plain.WriteMpint(reader.ReadMpintMagnitude(curve.FieldSize + 1));
        }

        var plainReader = new SshReader(plain.WrittenSpan);
        return TryReadFields(baseType, ref plainReader, out key, out refusal);
    }

    private static bool TryReadFields(string keyType, ref SshReader reader, out SshPrivateKey? key, out string? refusal)
    {
        try
        {
            key = PrivateKeyEncoding.ReadFields(keyType, ref reader);
            refusal = null;
            return true;
        }
        catch (ArgumentException e)
        {
            // RsaPrivateKey.FromRsa refuses keys under RsaPublicKey.MinimumBits: well formed, not accepted.
            key = null;
            refusal = e.Message;
            return false;
        }
        catch (ArithmeticException e)
        {
            // d mod (p-1) divides by zero when a hostile p or q is 1.
            throw new SshProtocolException("RSA private key is inconsistent", e);
        }
    }

    private static void Wipe(params byte[]?[] secrets)
    {
        foreach (byte[]? secret in secrets)
        {
            if (secret is not null)
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }
}
