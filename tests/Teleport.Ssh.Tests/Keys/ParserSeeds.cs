using System.Security.Cryptography;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Keys;

/// <summary>The valid inputs the property tests mutate: keys, certificates, key files and lines of every kind.</summary>
public sealed class ParserSeeds : IDisposable
{
    public const string Passphrase = "fuzz passphrase";

    private readonly List<SshPrivateKey> _keys = [];

    public ParserSeeds()
    {
        SshPrivateKey ed25519 = Keep(SshPrivateKey.Generate());
        SshPrivateKey rsa = Keep(SshPrivateKey.Generate(AlgorithmNames.Rsa, rsaBits: 2048));
        SshPrivateKey p256 = Keep(SshPrivateKey.Generate(AlgorithmNames.EcdsaNistp256));
        SshPrivateKey p384 = Keep(SshPrivateKey.Generate(AlgorithmNames.EcdsaNistp384));
        SshPrivateKey p521 = Keep(SshPrivateKey.Generate(AlgorithmNames.EcdsaNistp521));
        SshPrivateKey[] all = [ed25519, rsa, p256, p384, p521];

        // ECDSA keys cost the most to parse (OpenSSL validates the point, up to a millisecond for
        // p384): p256, the cheapest, stands for them in certificates, as subject or as CA.
        var certificates = new List<SshCertificate>();
        foreach ((SshPrivateKey subject, SshPrivateKey authority) in new[] { (ed25519, ed25519), (ed25519, rsa), (rsa, ed25519), (rsa, rsa), (p256, ed25519), (ed25519, p256) })
        {
            certificates.Add(Certify(subject, authority, certificates.Count % 2 == 0 ? SshCertificateType.User : SshCertificateType.Host));
        }

        // Weights spread the mutations over every structure without the point checks taking all the time.
        static int Weight(SshPublicKey key) => key switch
        {
            SshCertificate certificate => certificate.Key is EcdsaPublicKey || certificate.SignatureKey is EcdsaPublicKey ? 1 : 4,
            EcdsaPublicKey => 1,
            _ => 4,
        };

        Blobs = [.. all.Select(key => key.PublicKey).Concat(certificates).Select(key => (key.ToBlob(), Weight(key)))];
        HostKeys = [ed25519.PublicKey, p256.PublicKey, .. certificates.Where(c => c.Type == SshCertificateType.Host)];

        // The openssh-key-v1 code is the same for every curve: p256 stands for p384 and p521 here.
        // Importing an RSA key costs ten times more than the others: RSA seeds come up least.
        PrivateKeys =
        [
            (OpenSshSeed(ed25519), 32),
            (OpenSshSeed(p256), 8),
            (OpenSshSeed(rsa), 1),
            .. PemFiles(rsa, p256, ed25519),
        ];
        EncryptedOpenSshKeys =
        [
            OpenSshPrivateKeyFile.WriteBinary(ed25519, Passphrase, rounds: 1, checkInt: 0x01020304),
            OpenSshPrivateKeyFile.WriteBinary(p256, Passphrase, rounds: 1, checkInt: 0x05060708),
        ];

        SshCertificate userCertificate = certificates[0];
        AuthorizedKeysLines =
        [
            ed25519.PublicKey.ToOpenSshString("alice@laptop"),
            "cert-authority,principals=\"alice,bob\" " + rsa.PublicKey.ToOpenSshString("cluster CA"),
            "restrict,pty,command=\"echo \\\"hi\\\" \\\\ there\",from=\"10.0.0.0/8,!10.0.0.1\",environment=\"A=1\",permitopen=\"db:5432\","
                + "expiry-time=\"20300101\",no-X11-forwarding " + p256.PublicKey.ToOpenSshString(),
            "NO-PTY,no-agent-forwarding\t" + p521.PublicKey.ToOpenSshString("tab separated"),
            userCertificate.ToOpenSshString("a certificate"),
        ];
        KnownHostsLines =
        [
            "node1.example.com,10.0.0.1 " + ed25519.PublicKey.ToOpenSshString(),
            "*.example.com,!bad.example.com,node?.example.org " + p256.PublicKey.ToOpenSshString("comment"),
            "[node1.example.com]:3022 " + rsa.PublicKey.ToOpenSshString(),
            KnownHostsEntry.ForHost("node1.example.com", 22, p384.PublicKey, hash: true).ToString(),
            KnownHostsEntry.ForCertificateAuthority(["*.example.com", "[*.example.com]:*"], ed25519.PublicKey, "type=host").ToString(),
            KnownHostsEntry.ForRevoked(["*"], p521.PublicKey).ToString(),
        ];
    }

    /// <summary>Public key and certificate blobs of every type, with their weights.</summary>
    public IReadOnlyList<(byte[] Blob, int Weight)> Blobs { get; }

    /// <summary>Keys a server might present, plain and certified.</summary>
    public IReadOnlyList<SshPublicKey> HostKeys { get; }

    /// <summary>PEM label, RFC 1421 headers, decoded contents and passphrase of every private key format, with weights.</summary>
    public IReadOnlyList<((string Label, string Headers, byte[] Data, string? Passphrase) File, int Weight)> PrivateKeys { get; }

    /// <summary>openssh-key-v1 files (decoded) encrypted with <see cref="Passphrase"/> and one bcrypt round.</summary>
    public IReadOnlyList<byte[]> EncryptedOpenSshKeys { get; }

    public IReadOnlyList<string> AuthorizedKeysLines { get; }

    public IReadOnlyList<string> KnownHostsLines { get; }

    public void Dispose()
    {
        foreach (SshPrivateKey key in _keys)
        {
            key.Dispose();
        }
    }

    private SshPrivateKey Keep(SshPrivateKey key)
    {
        _keys.Add(key);
        key.Comment = "seed " + key.PublicKey.KeyType;
        return key;
    }

    private static SshCertificate Certify(SshPrivateKey subject, SshPrivateKey authority, SshCertificateType type)
    {
        var builder = new SshCertificateBuilder(subject.PublicKey, type)
        {
            Serial = 7,
            KeyId = "seed",
            ValidAfter = DateTimeOffset.UtcNow.AddHours(-1),
            ValidBefore = DateTimeOffset.UtcNow.AddHours(1),
        };
        builder.Principals.Add("node1.example.com");
        builder.Principals.Add("alice");
        if (type == SshCertificateType.User)
        {
            builder.WithDefaultUserExtensions();
            builder.CriticalOptions["source-address"] = "10.0.0.0/8";
            builder.Extensions["teleport-roles"] = "{\"roles\":[\"access\"]}";
        }

        return builder.Sign(authority);
    }

    private static (string, string, byte[], string?) OpenSshSeed(SshPrivateKey key) =>
        (OpenSshPrivateKeyFile.PemLabel, string.Empty, OpenSshPrivateKeyFile.WriteBinary(key, null, 16, 0x0a0b0c0d), null);

    private static IEnumerable<((string, string, byte[], string?), int)> PemFiles(SshPrivateKey rsa, SshPrivateKey ecdsa, SshPrivateKey ed25519)
    {
        using RSA rsaKey = RSA.Create(((RsaPrivateKey)rsa).ExportParameters());
        using ECDsa ecdsaKey = ECDsa.Create(((EcdsaPrivateKey)ecdsa).ExportParameters());
        var pbes2 = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, iterationCount: 1);

        yield return (("RSA PRIVATE KEY", string.Empty, rsaKey.ExportRSAPrivateKey(), null), 1);
        yield return (("PRIVATE KEY", string.Empty, rsaKey.ExportPkcs8PrivateKey(), null), 1);
        yield return (("EC PRIVATE KEY", string.Empty, ecdsaKey.ExportECPrivateKey(), null), 12);
        yield return (("PRIVATE KEY", string.Empty, ecdsaKey.ExportPkcs8PrivateKey(), null), 12);
        yield return (("ENCRYPTED PRIVATE KEY", string.Empty, ecdsaKey.ExportEncryptedPkcs8PrivateKey(Passphrase, pbes2), Passphrase), 12);

        // RFC 8410 §7 OneAsymmetricKey for Ed25519: version 0, id-Ed25519, OCTET STRING { OCTET STRING seed }.
        byte[] ed25519Pkcs8 = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20, .. ((Ed25519PrivateKey)ed25519).Seed];
        yield return (("PRIVATE KEY", string.Empty, ed25519Pkcs8, null), 24);

        // Legacy PEM encryption as ssh-keygen -m PEM -N writes it (AES-128-CBC, EVP_BytesToKey with MD5).
        using (var directory = new TempDirectory())
        {
            string path = SshKeygen.Generate(directory, "ecdsa", 256, Passphrase, "PEM");
            using PemBlock block = PemArmor.Decode(File.ReadAllText(path));
            string headers = string.Join('\n', block.Headers.Select(header => $"{header.Key}: {header.Value}"));
            yield return (("EC PRIVATE KEY", headers, block.Data.ToArray(), Passphrase), 12);
        }
    }
}
