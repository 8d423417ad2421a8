using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Keys;

/// <summary>Certificates crossing between our builder and checker and the real ssh-keygen.</summary>
public sealed class CertificateInteropTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(AlgorithmNames.Ed25519, AlgorithmNames.Ed25519, "ED25519")]
    [InlineData(AlgorithmNames.Rsa, AlgorithmNames.EcdsaNistp256, "RSA")]
    [InlineData(AlgorithmNames.EcdsaNistp384, AlgorithmNames.Rsa, "ECDSA")]
    public void Ssh_keygen_lists_every_field_of_a_certificate_we_signed(string caType, string userType, string caLabel)
    {
        using SshPrivateKey ca = SshPrivateKey.Generate(caType, rsaBits: 2048);
        using SshPrivateKey user = SshPrivateKey.Generate(userType, rsaBits: 2048);
        var builder = new SshCertificateBuilder(user.PublicKey, SshCertificateType.User)
        {
            Serial = 42,
            KeyId = "alice@example.com",
            ValidAfter = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ValidBefore = new DateTimeOffset(2030, 1, 2, 12, 30, 15, TimeSpan.Zero),
        };
        builder.Principals.Add("root");
        builder.Principals.Add("alice");
        builder.CriticalOptions["force-command"] = "/usr/bin/true";
        builder.CriticalOptions["source-address"] = "10.0.0.0/8,192.0.2.1";
        builder.Extensions["permit-pty"] = string.Empty;
        builder.Extensions["permit-port-forwarding"] = string.Empty;
        builder.Extensions["teleport-roles"] = "{\"roles\":[\"access\"]}";
        SshCertificate certificate = builder.Sign(ca);
        string path = _directory.Combine("id-cert.pub");
        File.WriteAllText(path, certificate.ToOpenSshString("alice") + "\n");

        string listing = SshKeygen.Run("-L", "-f", path);

        Assert.Contains($"Type: {certificate.KeyType} user certificate", listing, StringComparison.Ordinal);
        Assert.Matches($@"Public key: [A-Z0-9]+-CERT {System.Text.RegularExpressions.Regex.Escape(user.PublicKey.Fingerprint)}\n", listing);
        Assert.Contains($"Signing CA: {caLabel} {ca.PublicKey.Fingerprint} (using {ca.PublicKey.SignatureAlgorithms[0]})", listing, StringComparison.Ordinal);
        Assert.Contains("Key ID: \"alice@example.com\"", listing, StringComparison.Ordinal);
        Assert.Contains("Serial: 42", listing, StringComparison.Ordinal);
        Assert.Contains("Valid: from 2030-01-01T00:00:00 to 2030-01-02T12:30:15", listing, StringComparison.Ordinal);
        Assert.Matches(@"Principals: \n\s+root\n\s+alice\n", listing);
        Assert.Matches(@"Critical Options: \n\s+force-command /usr/bin/true\n\s+source-address 10\.0\.0\.0/8,192\.0\.2\.1\n", listing);
        Assert.Matches(@"Extensions: \n\s+permit-port-forwarding\n\s+permit-pty\n\s+teleport-roles UNKNOWN OPTION", listing);
    }

    [Fact]
    public void Ssh_keygen_lists_a_host_certificate_valid_forever()
    {
        using SshPrivateKey ca = SshPrivateKey.Generate();
        using SshPrivateKey host = SshPrivateKey.Generate();
        var builder = new SshCertificateBuilder(host.PublicKey, SshCertificateType.Host) { KeyId = "node1" };
        builder.Principals.Add("node1.example.com");
        string path = _directory.Combine("host-cert.pub");
        File.WriteAllText(path, builder.Sign(ca).ToOpenSshString() + "\n");

        string listing = SshKeygen.Run("-L", "-f", path);

        Assert.Contains("ssh-ed25519-cert-v01@openssh.com host certificate", listing, StringComparison.Ordinal);
        Assert.Contains("Valid: forever", listing, StringComparison.Ordinal);
        Assert.Matches(@"Critical Options: \(none\)", listing);
        Assert.Matches(@"Extensions: \(none\)", listing);
    }

    [Theory]
    [InlineData("ed25519", 0)]
    [InlineData("rsa", 2048)]
    [InlineData("ecdsa", 256)]
    public async Task A_user_certificate_from_ssh_keygen_passes_our_checker_for_its_principals_only(string caType, int caBits)
    {
        string caPath = SshKeygen.Generate(_directory, caType, caBits, passphrase: null);
        string userPath = SshKeygen.Generate(_directory, "ed25519", 0, passphrase: null, format: null, comment: "user");
        File.Move(userPath, _directory.Combine("user"));
        File.Move(userPath + ".pub", _directory.Combine("user.pub"));
        SshKeygen.Run("-q", "-s", caPath, "-I", "alice-id", "-n", "alice,bob", "-V", "-5m:+1h", "-z", "7", _directory.Combine("user.pub"));

        SshCertificate certificate = SshKeyFile.LoadCertificate(_directory.Combine("user-cert.pub"));
        SshPublicKey caKey = SshKeyFile.LoadPublicKey(caPath + ".pub");
        var checker = new SshCertificateChecker([caKey]);

        Assert.Equal(SshCertificateType.User, certificate.Type);
        Assert.Equal("alice-id", certificate.KeyId);
        Assert.Equal(7ul, certificate.Serial);
        Assert.Equal(SshKeyFile.LoadPublicKey(_directory.Combine("user.pub")), certificate.Key);
        Assert.Equal(caKey, certificate.SignatureKey);
        Assert.True(checker.Check(certificate, SshCertificateType.User, "alice").IsValid);
        Assert.True(checker.Check(certificate, SshCertificateType.User, "bob").IsValid);
        Assert.Contains("not valid for login \"carol\"", checker.Check(certificate, SshCertificateType.User, "carol").Error, StringComparison.Ordinal);
        Assert.False(checker.Check(certificate, SshCertificateType.Host, "alice").IsValid);
        Assert.False(new SshCertificateChecker([SshPrivateKey.Generate().PublicKey]).Check(certificate, SshCertificateType.User, "alice").IsValid);

        // ssh-keygen grants the same default extensions as our builder.
        var ours = new SshCertificateBuilder(certificate.Key, SshCertificateType.User).WithDefaultUserExtensions();
        Assert.Equal(ours.Extensions.Keys.Order(StringComparer.Ordinal), certificate.Extensions.Keys);

        // The certificate signs with the user's key, as a client presenting it would.
        using SshPrivateKey userKey = SshKeyFile.LoadPrivateKey(_directory.Combine("user"));
        var signer = new SshCertificateSigner(certificate, userKey);
        byte[] signature = await signer.SignAsync(AlgorithmNames.Ed25519, "session"u8.ToArray());
        Assert.True(certificate.VerifySignature(AlgorithmNames.Ed25519, "session"u8, signature));
    }

    [Fact]
    public void A_host_certificate_from_ssh_keygen_passes_our_checker_for_its_host_names_only()
    {
        string caPath = SshKeygen.Generate(_directory, "ed25519", 0, passphrase: null, comment: "host ca");
        string hostPath = SshKeygen.Generate(_directory, "ecdsa", 256, passphrase: null, comment: "host");
        SshKeygen.Run("-q", "-s", caPath, "-h", "-I", "node1", "-n", "node1.example.com,node1", "-V", "+1h", hostPath + ".pub");

        SshCertificate certificate = SshKeyFile.LoadCertificate(hostPath + "-cert.pub");
        var checker = new SshCertificateChecker([SshKeyFile.LoadPublicKey(caPath + ".pub")]);

        Assert.Equal(SshCertificateType.Host, certificate.Type);
        Assert.True(checker.Check(certificate, SshCertificateType.Host, "node1.example.com").IsValid);
        Assert.True(checker.Check(certificate, SshCertificateType.Host, "node1").IsValid);
        Assert.False(checker.Check(certificate, SshCertificateType.Host, "node2.example.com").IsValid);
        Assert.Contains("user certificate is required", checker.Check(certificate, SshCertificateType.User, "node1").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_type_word_of_a_certificate_line_must_name_the_blob()
    {
        string caPath = SshKeygen.Generate(_directory, "ed25519", 0, passphrase: null);
        string keyPath = SshKeygen.Generate(_directory, "ecdsa", 256, passphrase: null);
        SshKeygen.Run("-q", "-s", caPath, "-I", "id", "-n", "alice", keyPath + ".pub");
        string line = File.ReadAllText(keyPath + "-cert.pub");
        Assert.IsType<SshCertificate>(SshKeyFile.ParsePublicKey(line));

        string relabelled = "ssh-ed25519-cert-v01@openssh.com" + line[line.IndexOf(' ', StringComparison.Ordinal)..];
        var error = Assert.Throws<FormatException>(() => SshKeyFile.ParsePublicKey(relabelled));
        Assert.Contains("labelled ssh-ed25519-cert-v01@openssh.com", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => SshKeyFile.LoadCertificate(keyPath + ".pub"));
    }

    public void Dispose() => _directory.Dispose();
}
