using System.Security.Cryptography;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Keys;

/// <summary>An <c>ecdsa-sha2-nistp256/384/521</c> public key (RFC 5656 §3.1).</summary>
public sealed class EcdsaPublicKey : SshPublicKey
{
    private readonly string _keyType;
    private readonly string[] _algorithms;
    private readonly ECParameters _parameters;

    private EcdsaPublicKey(string keyType, byte[] blob, ECParameters parameters) : base(blob)
    {
        _keyType = keyType;
        _algorithms = [keyType];
        _parameters = parameters;
    }

    public override string KeyType => _keyType;

    public override IReadOnlyList<string> SignatureAlgorithms => _algorithms;

    public static EcdsaPublicKey FromParameters(ECParameters parameters)
    {
        EcdsaCurve curve = EcdsaCurve.FromCurve(parameters.Curve);
        using var writer = new SshWriter(200);
        writer.WriteString(curve.KeyType);
        WriteBody(writer, curve, parameters.Q);
        var publicOnly = new ECParameters { Curve = curve.Curve, Q = parameters.Q };
        return new EcdsaPublicKey(curve.KeyType, writer.ToArray(), publicOnly);
    }

    /// <summary>The public point, for .NET's <see cref="ECDsa"/>.</summary>
    public ECParameters ExportParameters() => new()
    {
        Curve = _parameters.Curve,
        Q = new ECPoint { X = (byte[])_parameters.Q.X!.Clone(), Y = (byte[])_parameters.Q.Y!.Clone() },
    };

    internal static void WriteBody(SshWriter writer, EcdsaCurve curve, ECPoint q)
    {
        writer.WriteString(curve.Identifier);
        writer.WriteString(curve.EncodePoint(q));
    }

    internal static EcdsaPublicKey ReadBody(string keyType, ref SshReader reader, ReadOnlySpan<byte> blob) =>
        new(keyType, blob.ToArray(), ReadParameters(keyType, ref reader));

    internal static ECParameters ReadParameters(string keyType, ref SshReader reader)
    {
        EcdsaCurve curve = EcdsaCurve.FromKeyType(keyType);
        string identifier = reader.ReadName();
        if (identifier != curve.Identifier)
        {
            throw new SshProtocolException($"ECDSA key type {keyType} names curve {identifier}");
        }

        ECPoint q = curve.DecodePoint(reader.ReadString());
        var parameters = new ECParameters { Curve = curve.Curve, Q = q };
        try
        {
            // Rejects points that are not on the curve.
            parameters.Validate();
            using var ecdsa = ECDsa.Create(parameters);
        }
        catch (CryptographicException e)
        {
            throw new SshProtocolException("ECDSA public key is not a point on its curve", e);
        }

        return parameters;
    }

    internal override bool VerifyRaw(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signatureAlgorithm != _keyType)
        {
            return false;
        }

        EcdsaCurve curve = EcdsaCurve.FromKeyType(_keyType);
        byte[]? fixedSignature = EcdsaSignatureEncoding.ToFixed(signature, curve.FieldSize);
        if (fixedSignature is null)
        {
            return false;
        }

        using var ecdsa = ECDsa.Create(_parameters);
        return ecdsa.VerifyData(data, fixedSignature, curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
