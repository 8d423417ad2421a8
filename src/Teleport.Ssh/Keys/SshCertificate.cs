using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Keys;

/// <summary>
/// An OpenSSH certificate (PROTOCOL.certkeys): a public key with a serial, a type (user or host),
/// a key id, principals, a validity window, critical options and extensions, signed by a CA key.
/// Parsing checks the structure only; <see cref="SshCertificateChecker"/> decides whether to trust it.
/// </summary>
public sealed class SshCertificate : SshPublicKey
{
    /// <summary><c>valid_before</c> value meaning "forever".</summary>
    public const ulong Forever = ulong.MaxValue;

    private const int MaxPrincipals = 256;
    private const int MaxOptions = 64;

    private readonly string _keyType;
    private readonly int _signedLength;

    private SshCertificate(string keyType, byte[] blob, int signedLength, CertificateFields fields) : base(blob)
    {
        _keyType = keyType;
        _signedLength = signedLength;
        Key = fields.Key;
        Nonce = fields.Nonce;
        Serial = fields.Serial;
        Type = fields.Type;
        KeyId = fields.KeyId;
        Principals = fields.Principals;
        ValidAfter = fields.ValidAfter;
        ValidBefore = fields.ValidBefore;
        CriticalOptions = fields.CriticalOptions;
        Extensions = fields.Extensions;
        SignatureKey = fields.SignatureKey!;
        Signature = fields.Signature;
    }

    public override string KeyType => _keyType;

    /// <summary>A certificate signs with its key's algorithms; the negotiated names carry the -cert suffix.</summary>
    public override IReadOnlyList<string> SignatureAlgorithms => Key.SignatureAlgorithms;

    /// <summary>The certified public key.</summary>
    public SshPublicKey Key { get; }

    public ReadOnlyMemory<byte> Nonce { get; }

    public ulong Serial { get; }

    public SshCertificateType Type { get; }

    public string KeyId { get; }

    /// <summary>Logins (user certificates) or host names (host certificates); empty means any, which the checker refuses.</summary>
    public IReadOnlyList<string> Principals { get; }

    /// <summary>Seconds since the Unix epoch.</summary>
    public ulong ValidAfter { get; }

    /// <summary>Seconds since the Unix epoch; <see cref="Forever"/> for no end.</summary>
    public ulong ValidBefore { get; }

    /// <summary>Critical options by name, value decoded (empty for flags), in the certificate's order.</summary>
    public IReadOnlyDictionary<string, string> CriticalOptions { get; }

    /// <summary>Extensions by name, value decoded (empty for flags), in the certificate's order.</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; }

    /// <summary>The CA key that signed the certificate.</summary>
    public SshPublicKey SignatureKey { get; }

    /// <summary>The CA's signature blob.</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>Everything the CA signature covers: the blob up to and including the signature key.</summary>
    public ReadOnlySpan<byte> SignedData => Blob[.._signedLength];

    /// <summary>The plain key type of the certified key, such as <c>ssh-ed25519</c>.</summary>
    public string BaseKeyType => Key.KeyType;

    /// <summary>Whether the CA's signature is valid (it says nothing of whether that CA is trusted).</summary>
    public bool HasValidSignature() => SignatureKey.VerifySignature(SignedData, Signature.Span);

    internal override bool VerifyRaw(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        Key.VerifyRaw(signatureAlgorithm, data, signature);

    /// <summary>The certificate key type for a plain key type.</summary>
    public static string CertificateTypeFor(string keyType) => keyType switch
    {
        AlgorithmNames.Ed25519 => AlgorithmNames.Ed25519Cert,
        AlgorithmNames.Rsa => AlgorithmNames.RsaCert,
        AlgorithmNames.EcdsaNistp256 => AlgorithmNames.EcdsaNistp256Cert,
        AlgorithmNames.EcdsaNistp384 => AlgorithmNames.EcdsaNistp384Cert,
        AlgorithmNames.EcdsaNistp521 => AlgorithmNames.EcdsaNistp521Cert,
        _ => throw new ArgumentException($"no certificate type for {keyType}", nameof(keyType)),
    };

    internal static string BaseTypeFor(string certificateType) => certificateType switch
    {
        AlgorithmNames.Ed25519Cert => AlgorithmNames.Ed25519,
        AlgorithmNames.RsaCert => AlgorithmNames.Rsa,
        AlgorithmNames.EcdsaNistp256Cert => AlgorithmNames.EcdsaNistp256,
        AlgorithmNames.EcdsaNistp384Cert => AlgorithmNames.EcdsaNistp384,
        AlgorithmNames.EcdsaNistp521Cert => AlgorithmNames.EcdsaNistp521,
        _ => throw new SshProtocolException($"unsupported certificate type {certificateType}"),
    };

    internal static SshCertificate ReadBody(string keyType, ref SshReader reader, ReadOnlySpan<byte> blob)
    {
        string baseType = BaseTypeFor(keyType);
        var fields = new CertificateFields { Nonce = reader.ReadString().ToArray() };

        // The certified key's fields sit in the middle of the certificate; rebuild its own blob.
        using (var keyWriter = new SshWriter(600))
        {
            keyWriter.WriteString(baseType);
            switch (baseType)
            {
                case AlgorithmNames.Ed25519:
                    Ed25519PublicKey.WriteBody(keyWriter, Ed25519PublicKey.ReadPublicKeyBytes(ref reader));
                    break;
                case AlgorithmNames.Rsa:
                    RsaPublicKey.WriteBody(keyWriter, RsaPublicKey.ReadParameters(ref reader));
                    break;
                default:
                    System.Security.Cryptography.ECParameters ec = EcdsaPublicKey.ReadParameters(baseType, ref reader);
                    EcdsaPublicKey.WriteBody(keyWriter, EcdsaCurve.FromKeyType(baseType), ec.Q);
                    break;
            }

            fields.Key = Parse(keyWriter.WrittenSpan);
        }

        fields.Serial = reader.ReadUInt64();
        uint type = reader.ReadUInt32();
        if (type is not ((uint)SshCertificateType.User or (uint)SshCertificateType.Host))
        {
            throw new SshProtocolException($"certificate type {type} is neither user (1) nor host (2)");
        }

        fields.Type = (SshCertificateType)type;
        fields.KeyId = reader.ReadUtf8(1024);
        fields.Principals = ReadPrincipals(reader.ReadString());
        fields.ValidAfter = reader.ReadUInt64();
        fields.ValidBefore = reader.ReadUInt64();
        fields.CriticalOptions = ReadOptions(reader.ReadString(), "critical option");
        fields.Extensions = ReadOptions(reader.ReadString(), "extension");
        reader.ReadString(); // reserved

        // The CA signature covers everything up to and including the signature key.
        SshPublicKey signatureKey = Parse(reader.ReadString());
        int signedLength = reader.Position;
        if (signatureKey is SshCertificate)
        {
            throw new SshProtocolException("certificate is signed by another certificate");
        }

        fields.SignatureKey = signatureKey;
        fields.Signature = reader.ReadString().ToArray();
        return new SshCertificate(keyType, blob.ToArray(), signedLength, fields);
    }

    private static string[] ReadPrincipals(ReadOnlySpan<byte> packed)
    {
        var reader = new SshReader(packed);
        var principals = new List<string>();
        while (!reader.IsAtEnd)
        {
            if (principals.Count == MaxPrincipals)
            {
                throw new SshProtocolException($"certificate lists more than {MaxPrincipals} principals");
            }

            principals.Add(reader.ReadUtf8(1024));
        }

        return [.. principals];
    }

    private static Dictionary<string, string> ReadOptions(ReadOnlySpan<byte> packed, string what)
    {
        var reader = new SshReader(packed);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string? previous = null;
        while (!reader.IsAtEnd)
        {
            if (options.Count == MaxOptions)
            {
                throw new SshProtocolException($"certificate has more than {MaxOptions} {what}s");
            }

            string name = reader.ReadUtf8(256);
            ReadOnlySpan<byte> data = reader.ReadString();
            string value = string.Empty;
            if (!data.IsEmpty)
            {
                var inner = new SshReader(data);
                value = inner.ReadUtf8(16 * 1024);
                inner.EnsureAtEnd($"{what} {name}");
            }

            // PROTOCOL.certkeys: names are lexically ordered and appear at most once.
            if (previous is not null && string.CompareOrdinal(previous, name) >= 0)
            {
                throw new SshProtocolException($"certificate {what}s are duplicated or out of order at {name}");
            }

            options[name] = value;
            previous = name;
        }

        return options;
    }

    internal static SshCertificate FromSignedBlob(byte[] blob) => (SshCertificate)Parse(blob);

    private sealed class CertificateFields
    {
        public SshPublicKey Key { get; set; } = null!;

        public byte[] Nonce { get; set; } = [];

        public ulong Serial { get; set; }

        public SshCertificateType Type { get; set; }

        public string KeyId { get; set; } = string.Empty;

        public string[] Principals { get; set; } = [];

        public ulong ValidAfter { get; set; }

        public ulong ValidBefore { get; set; }

        public Dictionary<string, string> CriticalOptions { get; set; } = [];

        public Dictionary<string, string> Extensions { get; set; } = [];

        public SshPublicKey? SignatureKey { get; set; }

        public byte[] Signature { get; set; } = [];
    }
}
