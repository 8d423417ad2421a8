using System.Net;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Keys;

public sealed class KeysAndCertificatesTests
{
    public static TheoryData<string> KeyTypes => new()
    {
        AlgorithmNames.Ed25519, AlgorithmNames.Rsa, AlgorithmNames.EcdsaNistp256, AlgorithmNames.EcdsaNistp384, AlgorithmNames.EcdsaNistp521,
    };

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public void Every_key_type_signs_and_verifies_with_each_of_its_algorithms(string keyType)
    {
        using SshPrivateKey key = SshPrivateKey.Generate(keyType, rsaBits: 2048);
        SshPublicKey parsed = SshPublicKey.Parse(key.PublicKey.Blob);
        Assert.Equal(key.PublicKey, parsed);
        byte[] data = "exchange hash"u8.ToArray();
        foreach (string algorithm in key.PublicKey.SignatureAlgorithms)
        {
            byte[] signature = key.Sign(algorithm, data);
            Assert.True(parsed.VerifySignature(algorithm, data, signature));
            Assert.False(parsed.VerifySignature(algorithm, "other data"u8, signature));
        }
    }

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public void Private_key_encoding_round_trips(string keyType)
    {
        using SshPrivateKey key = SshPrivateKey.Generate(keyType, rsaBits: 2048);
        using var writer = new SshWriter();
        PrivateKeyEncoding.Write(writer, key);
        var reader = new SshReader(writer.WrittenSpan);
        using SshPrivateKey copy = PrivateKeyEncoding.Read(ref reader);
        Assert.True(reader.IsAtEnd);
        Assert.Equal(key.PublicKey, copy.PublicKey);
        string algorithm = key.PublicKey.SignatureAlgorithms[0];
        Assert.True(key.PublicKey.VerifySignature(algorithm, "x"u8, copy.Sign(algorithm, "x"u8)));
    }

    [Fact]
    public void Rsa_signatures_with_sha1_are_refused()
    {
        using SshPrivateKey key = SshPrivateKey.Generate(AlgorithmNames.Rsa, rsaBits: 2048);
        Assert.Throws<ArgumentException>(() => key.Sign("ssh-rsa", "x"u8));
        byte[] forged = SshSignature.Encode("ssh-rsa", new byte[256]);
        Assert.False(key.PublicKey.VerifySignature("x"u8, forged));
    }

    [Fact]
    public void A_signed_user_certificate_parses_back_with_every_field()
    {
        using SshPrivateKey ca = SshPrivateKey.Generate();
        using SshPrivateKey user = SshPrivateKey.Generate(AlgorithmNames.EcdsaNistp256);
        var builder = new SshCertificateBuilder(user.PublicKey, SshCertificateType.User)
        {
            Serial = 42,
            KeyId = "alice",
            ValidAfter = DateTimeOffset.FromUnixTimeSeconds(1000),
            ValidBefore = DateTimeOffset.FromUnixTimeSeconds(2000),
        };
        builder.Principals.Add("root");
        builder.Principals.Add("alice");
        builder.Extensions["permit-pty"] = "";
        builder.Extensions["teleport-roles"] = "{\"roles\":[\"access\"]}";
        builder.CriticalOptions["source-address"] = "10.0.0.0/8";
        SshCertificate certificate = builder.Sign(ca);

        var parsed = (SshCertificate)SshPublicKey.Parse(certificate.Blob);
        Assert.Equal(AlgorithmNames.EcdsaNistp256Cert, parsed.KeyType);
        Assert.Equal(user.PublicKey, parsed.Key);
        Assert.Equal(ca.PublicKey, parsed.SignatureKey);
        Assert.Equal(42ul, parsed.Serial);
        Assert.Equal("alice", parsed.KeyId);
        Assert.Equal(["root", "alice"], parsed.Principals);
        Assert.Equal(1000ul, parsed.ValidAfter);
        Assert.Equal(2000ul, parsed.ValidBefore);
        Assert.Equal(["permit-pty", "teleport-roles"], parsed.Extensions.Keys);
        Assert.Equal("{\"roles\":[\"access\"]}", parsed.Extensions["teleport-roles"]);
        Assert.Equal("10.0.0.0/8", parsed.CriticalOptions["source-address"]);
        Assert.True(parsed.HasValidSignature());
    }

    [Fact]
    public void Checker_accepts_a_good_certificate_and_names_what_is_wrong_with_bad_ones()
    {
        using SshPrivateKey ca = SshPrivateKey.Generate();
        using SshPrivateKey otherCa = SshPrivateKey.Generate();
        using SshPrivateKey user = SshPrivateKey.Generate();
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var checker = new SshCertificateChecker([ca.PublicKey], clock);

        SshCertificate Make(Action<SshCertificateBuilder> change, SshPrivateKey? signer = null)
        {
            var builder = new SshCertificateBuilder(user.PublicKey, SshCertificateType.User)
            {
                KeyId = "alice",
                ValidAfter = clock.GetUtcNow().AddMinutes(-5),
                ValidBefore = clock.GetUtcNow().AddHours(1),
            };
            builder.Principals.Add("root");
            change(builder);
            return builder.Sign(signer ?? ca);
        }

        Assert.True(checker.Check(Make(_ => { }), SshCertificateType.User, "root").IsValid);
        Assert.Contains("not valid for login \"admin\"", checker.Check(Make(_ => { }), SshCertificateType.User, "admin").Error);
        Assert.Contains("host certificate is required", checker.Check(Make(_ => { }), SshCertificateType.Host, "root").Error);
        Assert.Contains("untrusted authority", checker.Check(Make(_ => { }, otherCa), SshCertificateType.User, "root").Error);
        Assert.Contains("expired 10m ago", checker.Check(Make(b => b.ValidBefore = clock.GetUtcNow().AddMinutes(-10)), SshCertificateType.User, "root").Error);
        Assert.Contains("not yet valid", checker.Check(Make(b => b.ValidAfter = clock.GetUtcNow().AddHours(1)), SshCertificateType.User, "root").Error);
        Assert.Contains("unsupported critical option", checker.Check(Make(b => b.CriticalOptions["verify-required"] = ""), SshCertificateType.User, "root").Error);
        Assert.Contains("lists no principals", checker.Check(Make(b => b.Principals.Clear()), SshCertificateType.User, "root").Error);

        SshCertificate restricted = Make(b => b.CriticalOptions["source-address"] = "127.0.0.0/8,::1");
        Assert.True(checker.Check(restricted, SshCertificateType.User, "root", IPAddress.Loopback).IsValid);
        Assert.True(checker.Check(restricted, SshCertificateType.User, "root", IPAddress.IPv6Loopback).IsValid);
        Assert.False(checker.Check(restricted, SshCertificateType.User, "root", IPAddress.Parse("192.0.2.1")).IsValid);
        Assert.False(checker.Check(restricted, SshCertificateType.User, "root", clientAddress: null).IsValid);

        var revoking = new SshCertificateChecker([ca.PublicKey], clock) { IsRevoked = c => c.KeyId == "alice" };
        Assert.Contains("revoked", revoking.Check(Make(_ => { }), SshCertificateType.User, "root").Error);
    }

    [Fact]
    public void Tampered_certificate_fails_its_signature_check()
    {
        using SshPrivateKey ca = SshPrivateKey.Generate();
        using SshPrivateKey user = SshPrivateKey.Generate();
        var builder = new SshCertificateBuilder(user.PublicKey, SshCertificateType.User) { KeyId = "alice" };
        builder.Principals.Add("alice");
        byte[] blob = builder.Sign(ca).ToBlob();

        // Rewrite the principal "alice" to "alicf" in place.
        int index = blob.AsSpan().LastIndexOf("alice"u8);
        blob[index + 4] = (byte)'f';
        var tampered = (SshCertificate)SshPublicKey.Parse(blob);
        Assert.False(tampered.HasValidSignature());
    }

    [Fact]
    public void Rsa_components_that_do_not_multiply_out_are_refused()
    {
        byte[] n = new byte[256];
        n[0] = 0xc1;
        n[^1] = 1;
        Assert.Throws<SshProtocolException>(() => PrivateKeyEncoding.FromComponents(n, [1, 0, 1], [5], [1], [1], n));
        Assert.Throws<SshProtocolException>(() => PrivateKeyEncoding.FromComponents(n, [1, 0, 1], [5], [1], [3], [7]));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
