using System.Security.Cryptography;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Keys;

/// <summary>
/// An <c>ssh-rsa</c> public key. Signatures are <c>rsa-sha2-512</c> or <c>rsa-sha2-256</c>
/// (RFC 8332); SHA-1 signatures are refused. Keys under 2048 bits are refused, as OpenSSH 9's
/// RequiredRSASize does for 1024.
/// </summary>
public sealed class RsaPublicKey : SshPublicKey
{
    public const int MinimumBits = 2048;
    public const int MaximumBits = 16384;

    private static readonly string[] Algorithms = [AlgorithmNames.RsaSha2512, AlgorithmNames.RsaSha2256];

    private readonly RSAParameters _parameters;

    private RsaPublicKey(byte[] blob, RSAParameters parameters) : base(blob) => _parameters = parameters;

    public override string KeyType => AlgorithmNames.Rsa;

    public override IReadOnlyList<string> SignatureAlgorithms => Algorithms;

    /// <summary>Modulus size in bits.</summary>
    public int KeySize => BitLength(_parameters.Modulus!);

    public static RsaPublicKey FromParameters(RSAParameters parameters)
    {
        using var writer = new SshWriter(600);
        writer.WriteString(AlgorithmNames.Rsa);
        WriteBody(writer, parameters);
        return new RsaPublicKey(writer.ToArray(), new RSAParameters { Modulus = Trim(parameters.Modulus!), Exponent = Trim(parameters.Exponent!) });
    }

    /// <summary>The public parameters, for .NET's <see cref="RSA"/>.</summary>
    public RSAParameters ExportParameters() => new() { Modulus = (byte[])_parameters.Modulus!.Clone(), Exponent = (byte[])_parameters.Exponent!.Clone() };

    internal static void WriteBody(SshWriter writer, RSAParameters parameters)
    {
        writer.WriteMpint(parameters.Exponent);
        writer.WriteMpint(parameters.Modulus);
    }

    internal static RsaPublicKey ReadBody(ref SshReader reader, ReadOnlySpan<byte> blob) =>
        new(blob.ToArray(), ReadParameters(ref reader));

    internal static RSAParameters ReadParameters(ref SshReader reader)
    {
        byte[] exponent = reader.ReadMpintMagnitude(maxBytes: 16).ToArray();
        byte[] modulus = reader.ReadMpintMagnitude(maxBytes: MaximumBits / 8 + 1).ToArray();
        int bits = BitLength(modulus);
        if (bits < MinimumBits)
        {
            throw new SshProtocolException($"RSA key of {bits} bits is below the minimum of {MinimumBits}");
        }

        if (exponent.Length == 0 || (exponent[^1] & 1) == 0)
        {
            throw new SshProtocolException("RSA public exponent must be odd");
        }

        return new RSAParameters { Modulus = modulus, Exponent = exponent };
    }

    internal override bool VerifyRaw(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        HashAlgorithmName? hash = HashFor(signatureAlgorithm);
        if (hash is null)
        {
            return false;
        }

        int modulusLength = _parameters.Modulus!.Length;
        if (signature.Length > modulusLength)
        {
            return false;
        }

        // Some signers drop leading zero bytes; PKCS#1 wants the signature as long as the modulus.
        if (signature.Length < modulusLength)
        {
            byte[] full = new byte[modulusLength];
            signature.CopyTo(full.AsSpan(modulusLength - signature.Length));
            signature = full;
        }

        using var rsa = RSA.Create(_parameters);
        try
        {
            return rsa.VerifyData(data, signature, hash.Value, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    internal static HashAlgorithmName? HashFor(string signatureAlgorithm) => signatureAlgorithm switch
    {
        AlgorithmNames.RsaSha2512 => HashAlgorithmName.SHA512,
        AlgorithmNames.RsaSha2256 => HashAlgorithmName.SHA256,
        _ => null,
    };

    private static int BitLength(byte[] magnitude)
    {
        int first = magnitude.AsSpan().IndexOfAnyExcept((byte)0);
        if (first < 0)
        {
            return 0;
        }

        return ((magnitude.Length - first - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)magnitude[first]));
    }

    private static byte[] Trim(byte[] magnitude)
    {
        int first = magnitude.AsSpan().IndexOfAnyExcept((byte)0);
        return first <= 0 ? magnitude : magnitude[first..];
    }
}
