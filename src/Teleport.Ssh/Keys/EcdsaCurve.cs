using System.Security.Cryptography;

namespace Teleport.Ssh.Keys;

/// <summary>The three NIST curves of RFC 5656: names, field sizes, hashes and point encoding.</summary>
internal sealed class EcdsaCurve
{
    public static readonly EcdsaCurve Nistp256 = new(AlgorithmNames.EcdsaNistp256, "nistp256", ECCurve.NamedCurves.nistP256, 32, HashAlgorithmName.SHA256);
    public static readonly EcdsaCurve Nistp384 = new(AlgorithmNames.EcdsaNistp384, "nistp384", ECCurve.NamedCurves.nistP384, 48, HashAlgorithmName.SHA384);
    public static readonly EcdsaCurve Nistp521 = new(AlgorithmNames.EcdsaNistp521, "nistp521", ECCurve.NamedCurves.nistP521, 66, HashAlgorithmName.SHA512);

    private EcdsaCurve(string keyType, string identifier, ECCurve curve, int fieldSize, HashAlgorithmName hash)
    {
        KeyType = keyType;
        Identifier = identifier;
        Curve = curve;
        FieldSize = fieldSize;
        Hash = hash;
    }

    public string KeyType { get; }

    /// <summary>The curve identifier inside the key blob, such as <c>nistp256</c>.</summary>
    public string Identifier { get; }

    public ECCurve Curve { get; }

    /// <summary>Bytes of one coordinate.</summary>
    public int FieldSize { get; }

    public HashAlgorithmName Hash { get; }

    public static EcdsaCurve FromKeyType(string keyType) => keyType switch
    {
        AlgorithmNames.EcdsaNistp256 => Nistp256,
        AlgorithmNames.EcdsaNistp384 => Nistp384,
        AlgorithmNames.EcdsaNistp521 => Nistp521,
        _ => throw new SshProtocolException($"unsupported ECDSA key type {keyType}"),
    };

    public static EcdsaCurve FromIdentifier(string identifier) => identifier switch
    {
        "nistp256" => Nistp256,
        "nistp384" => Nistp384,
        "nistp521" => Nistp521,
        _ => throw new SshProtocolException($"unsupported ECDSA curve {identifier}"),
    };

    public static EcdsaCurve FromCurve(ECCurve curve)
    {
        string? oid = curve.Oid?.Value;
        foreach (EcdsaCurve candidate in new[] { Nistp256, Nistp384, Nistp521 })
        {
            if (candidate.Curve.Oid.Value == oid || candidate.Curve.Oid.FriendlyName == curve.Oid?.FriendlyName)
            {
                return candidate;
            }
        }

        throw new ArgumentException("ECDSA keys must be on nistp256, nistp384 or nistp521", nameof(curve));
    }

    /// <summary>SEC1 uncompressed point: 0x04, X, Y.</summary>
    public byte[] EncodePoint(ECPoint q)
    {
        byte[] encoded = new byte[1 + (2 * FieldSize)];
        encoded[0] = 0x04;
        PadLeft(q.X!, encoded.AsSpan(1, FieldSize));
        PadLeft(q.Y!, encoded.AsSpan(1 + FieldSize, FieldSize));
        return encoded;
    }

    public ECPoint DecodePoint(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != 1 + (2 * FieldSize) || encoded[0] != 0x04)
        {
            throw new SshProtocolException($"ECDSA point is not an uncompressed {Identifier} point");
        }

        return new ECPoint
        {
            X = encoded.Slice(1, FieldSize).ToArray(),
            Y = encoded.Slice(1 + FieldSize, FieldSize).ToArray(),
        };
    }

    private static void PadLeft(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        int first = value.IndexOfAnyExcept((byte)0);
        ReadOnlySpan<byte> trimmed = first < 0 ? [] : value[first..];
        if (trimmed.Length > destination.Length)
        {
            throw new ArgumentException("coordinate too large for the curve", nameof(value));
        }

        destination.Clear();
        trimmed.CopyTo(destination[(destination.Length - trimmed.Length)..]);
    }
}
