using System.Security.Cryptography;

namespace Teleport.Ssh.Keys;

/// <summary>An ECDSA private key on nistp256, nistp384 or nistp521 (RFC 5656).</summary>
public sealed class EcdsaPrivateKey : SshPrivateKey
{
    private readonly ECDsa _ecdsa;
    private readonly EcdsaPublicKey _publicKey;
    private readonly EcdsaCurve _curve;

    private EcdsaPrivateKey(ECDsa ecdsa)
    {
        _ecdsa = ecdsa;
        ECParameters parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        _curve = EcdsaCurve.FromCurve(parameters.Curve);
        _publicKey = EcdsaPublicKey.FromParameters(parameters);
    }

    public override SshPublicKey PublicKey => _publicKey;

    internal static EcdsaPrivateKey Generate(EcdsaCurve curve) => new(ECDsa.Create(curve.Curve));

    /// <summary>Takes ownership of <paramref name="ecdsa"/>, which must be on a NIST curve SSH supports.</summary>
    public static EcdsaPrivateKey FromECDsa(ECDsa ecdsa) => new(ecdsa);

    /// <summary>Every parameter, for writing key files.</summary>
    public ECParameters ExportParameters() => _ecdsa.ExportParameters(includePrivateParameters: true);

    public override byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        RequireAlgorithm(_publicKey, signatureAlgorithm);
        byte[] fixedSignature = _ecdsa.SignData(data, _curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return SshSignature.Encode(signatureAlgorithm, EcdsaSignatureEncoding.FromFixed(fixedSignature));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ecdsa.Dispose();
        }
    }
}
