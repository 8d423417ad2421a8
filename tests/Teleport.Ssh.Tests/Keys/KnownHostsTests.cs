using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Keys;

public sealed class KnownHostsTests
{
    private static readonly SshPublicKey HostKey = SshPrivateKey.Generate().PublicKey;
    private static readonly SshPublicKey OtherHostKey = SshPrivateKey.Generate().PublicKey;
    private static readonly SshPublicKey EcdsaHostKey = SshPrivateKey.Generate(AlgorithmNames.EcdsaNistp256).PublicKey;

    [Theory]
    [InlineData("node1.example.com", "node1.example.com", 22, true)]
    [InlineData("node1.example.com", "NODE1.Example.COM", 22, true)]
    [InlineData("NODE1.example.com", "node1.example.com", 22, true)]
    [InlineData("node1.example.com", "node1.example.com", 3022, false)]
    [InlineData("[node1.example.com]:3022", "node1.example.com", 3022, true)]
    [InlineData("[node1.example.com]:3022", "node1.example.com", 22, false)]
    [InlineData("[node1.example.com]:22", "node1.example.com", 22, false)]
    [InlineData("*.example.com", "node1.example.com", 22, true)]
    [InlineData("*.example.com", "example.com", 22, false)]
    [InlineData("*.example.com", "a.b.example.com", 22, true)]
    [InlineData("*.example.com", "node1.example.com", 3022, false)]
    [InlineData("[*.example.com]:*", "node1.example.com", 3022, true)]
    [InlineData("*", "anything", 2222, true)]
    [InlineData("node?.example.com", "node7.example.com", 22, true)]
    [InlineData("node?.example.com", "node17.example.com", 22, false)]
    [InlineData("10.0.0.*", "10.0.0.42", 22, true)]
    [InlineData("10.0.0.1,node1", "node1", 22, true)]
    [InlineData("*.example.com,!bad.example.com", "good.example.com", 22, true)]
    [InlineData("*.example.com,!bad.example.com", "bad.example.com", 22, false)]
    [InlineData("!bad.example.com,*.example.com", "bad.example.com", 22, false)]
    [InlineData("!bad.example.com", "good.example.com", 22, false)]
    [InlineData("::1", "::1", 22, true)]
    [InlineData("[::1]:2222", "::1", 2222, true)]
    [InlineData("*a*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 22, false)]
    public void Host_patterns_match_as_OpenSSH_matches_them(string patterns, string host, int port, bool expected)
    {
        KnownHostsEntry entry = KnownHostsEntry.ParseLine($"{patterns} {HostKey.ToOpenSshString()}")!;
        Assert.Equal(expected, entry.MatchesHost(host, port));
    }

    [Fact]
    public void Lines_are_parsed_with_markers_patterns_and_comments()
    {
        KnownHostsEntry plain = KnownHostsEntry.ParseLine($"node1,10.0.0.1 {HostKey.ToOpenSshString("added by tsh")}")!;
        Assert.Equal(KnownHostsMarker.None, plain.Marker);
        Assert.Equal(["node1", "10.0.0.1"], plain.HostPatterns);
        Assert.Equal(HostKey, plain.Key);
        Assert.Equal("added by tsh", plain.Comment);

        KnownHostsEntry ca = KnownHostsEntry.ParseLine($"@cert-authority\t*.example.com {HostKey.ToOpenSshString()}")!;
        Assert.Equal(KnownHostsMarker.CertificateAuthority, ca.Marker);
        KnownHostsEntry revoked = KnownHostsEntry.ParseLine($"@revoked * {HostKey.ToOpenSshString()}")!;
        Assert.Equal(KnownHostsMarker.Revoked, revoked.Marker);

        Assert.Null(KnownHostsEntry.ParseLine("   "));
        Assert.Null(KnownHostsEntry.ParseLine("# a comment"));
    }

    [Theory]
    [InlineData("@trusted host {0}", "unknown marker")]
    [InlineData("@revoked @cert-authority host {0}", "needs host names")]
    [InlineData("|1|c2FsdA==|aGFzaA== {0}", "20-byte")]
    [InlineData("|2|AAAA|BBBB {0}", "must start with |1|")]
    [InlineData("{0}", "is not a key type")]
    [InlineData("host", "no key")]
    public void Invalid_lines_are_refused_with_the_reason(string format, string reason)
    {
        string line = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, HostKey.ToOpenSshString());
        var error = Assert.Throws<FormatException>(() => KnownHostsEntry.ParseLine(line));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hashed_entries_match_only_their_host_and_port()
    {
        KnownHostsEntry entry = KnownHostsEntry.ForHost("Node1.Example.com", 3022, HostKey, hash: true);
        Assert.True(entry.IsHashed);
        Assert.Matches(@"^\|1\|[A-Za-z0-9+/]{27}=\|[A-Za-z0-9+/]{27}= ssh-ed25519 ", entry.ToString());
        Assert.True(entry.MatchesHost("node1.example.com", 3022));
        Assert.False(entry.MatchesHost("node1.example.com", 22));
        Assert.False(entry.MatchesHost("node2.example.com", 3022));

        KnownHostsEntry copy = KnownHostsEntry.ParseLine(entry.ToString())!;
        Assert.True(copy.MatchesHost("NODE1.example.com", 3022));
        Assert.Empty(copy.HostPatterns);
    }

    [Fact]
    public void Entries_hashed_by_ssh_keygen_match_and_ssh_keygen_finds_ours()
    {
        using var directory = new TempDirectory();
        string theirs = directory.Combine("known_hosts");
        File.WriteAllLines(theirs,
        [
            KnownHostsEntry.ForHost("node1.example.com", 22, HostKey).ToString(),
            KnownHostsEntry.ForHost("node2.example.com", 3022, EcdsaHostKey).ToString(),
        ]);
        SshKeygen.Run("-q", "-H", "-f", theirs);

        KnownHosts hashed = KnownHosts.Load(theirs);
        Assert.Empty(hashed.Errors);
        Assert.All(hashed.Entries, entry => Assert.True(entry.IsHashed));
        Assert.Equal(HostKeyStatus.Trusted, hashed.Verify("node1.example.com", 22, HostKey).Status);
        Assert.Equal(HostKeyStatus.Trusted, hashed.Verify("node2.example.com", 3022, EcdsaHostKey).Status);
        Assert.Equal(HostKeyStatus.Unknown, hashed.Verify("node2.example.com", 22, EcdsaHostKey).Status);

        string ours = directory.Combine("ours");
        File.WriteAllLines(ours,
        [
            KnownHostsEntry.ForHost("node3.example.com", 22, HostKey, hash: true).ToString(),
            KnownHostsEntry.ForHost("node4.example.com", 3022, HostKey, hash: true).ToString(),
        ]);
        Assert.Contains("found: line 1", SshKeygen.Run("-F", "node3.example.com", "-f", ours), StringComparison.Ordinal);
        Assert.Contains("found: line 2", SshKeygen.Run("-F", "[node4.example.com]:3022", "-f", ours), StringComparison.Ordinal);
        Assert.NotEqual(0, SshKeygen.TryRun("-F", "node4.example.com", "-f", ours).ExitCode);
    }

    [Fact]
    public void Plain_keys_are_trusted_changed_or_unknown()
    {
        var knownHosts = new KnownHosts(
        [
            KnownHostsEntry.ForHost("node1.example.com", 22, HostKey),
            KnownHostsEntry.ForHost("node2.example.com", 22, EcdsaHostKey),
        ]);

        HostKeyVerification trusted = knownHosts.Verify("node1.example.com", 22, HostKey);
        Assert.True(trusted.IsTrusted);
        Assert.Same(knownHosts.Entries[0], trusted.Entry);

        HostKeyVerification changed = knownHosts.Verify("node1.example.com", 22, OtherHostKey);
        Assert.Equal(HostKeyStatus.Changed, changed.Status);
        Assert.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", changed.Message, StringComparison.Ordinal);
        Assert.Contains(OtherHostKey.Fingerprint, changed.Message, StringComparison.Ordinal);
        Assert.Same(knownHosts.Entries[0], changed.Entry);

        // OpenSSH asks again, rather than alarming, when only keys of other types are known.
        HostKeyVerification otherType = knownHosts.Verify("node2.example.com", 22, HostKey);
        Assert.Equal(HostKeyStatus.Unknown, otherType.Status);
        Assert.Contains("keys of other types are known", otherType.Message, StringComparison.Ordinal);

        HostKeyVerification unknown = knownHosts.Verify("node3.example.com", 22, HostKey);
        Assert.Equal(HostKeyStatus.Unknown, unknown.Status);
        Assert.Contains(HostKey.Fingerprint, unknown.Message, StringComparison.Ordinal);
        Assert.Null(unknown.Entry);
    }

    [Fact]
    public void Revoked_keys_are_refused_even_when_also_listed()
    {
        KnownHosts knownHosts = KnownHosts.Parse(
            $"""
            node1.example.com {HostKey.ToOpenSshString()}
            @revoked * {HostKey.ToOpenSshString()}
            """,
            "/home/alice/.ssh/known_hosts");

        HostKeyVerification result = knownHosts.Verify("node1.example.com", 22, HostKey);
        Assert.Equal(HostKeyStatus.Revoked, result.Status);
        Assert.Contains("/home/alice/.ssh/known_hosts:2", result.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Entry!.LineNumber);
        Assert.False(result.IsTrusted);
    }

    [Fact]
    public void Host_certificates_are_trusted_through_a_cert_authority_line()
    {
        using SshPrivateKey ca = SshPrivateKey.Generate();
        using SshPrivateKey otherCa = SshPrivateKey.Generate();
        using SshPrivateKey host = SshPrivateKey.Generate();
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        SshCertificate Certify(SshPrivateKey signer, SshCertificateType type = SshCertificateType.Host, string principal = "node1.example.com", int hoursLeft = 1)
        {
            var builder = new SshCertificateBuilder(host.PublicKey, type)
            {
                KeyId = "node1",
                ValidAfter = clock.GetUtcNow().AddHours(-1),
                ValidBefore = clock.GetUtcNow().AddHours(hoursLeft),
            };
            builder.Principals.Add(principal);
            return builder.Sign(signer);
        }

        KnownHostsEntry caLine = KnownHostsEntry.ForCertificateAuthority(["*.example.com"], ca.PublicKey, "type=host");
        Assert.Equal($"@cert-authority *.example.com {ca.PublicKey.ToOpenSshString()} type=host", caLine.ToString());
        var knownHosts = new KnownHosts([caLine]) { Clock = clock };

        // The CA line names hosts without a port; a node on 3022 is still found.
        Assert.Equal(HostKeyStatus.Trusted, knownHosts.Verify("node1.example.com", 22, Certify(ca)).Status);
        HostKeyVerification onPort = knownHosts.Verify("node1.example.com", 3022, Certify(ca));
        Assert.True(onPort.IsTrusted);
        Assert.Same(caLine, onPort.Entry);

        HostKeyVerification wrongHost = knownHosts.Verify("node2.example.com", 22, Certify(ca));
        Assert.Equal(HostKeyStatus.Unknown, wrongHost.Status);
        Assert.Contains("not valid for host \"node2.example.com\"", wrongHost.Message, StringComparison.Ordinal);

        Assert.Contains("expired", knownHosts.Verify("node1.example.com", 22, Certify(ca, hoursLeft: -1)).Message, StringComparison.Ordinal);
        Assert.Contains("host certificate is required", knownHosts.Verify("node1.example.com", 22, Certify(ca, SshCertificateType.User)).Message, StringComparison.Ordinal);
        Assert.Contains("no @cert-authority line", knownHosts.Verify("node1.example.com", 22, Certify(otherCa)).Message, StringComparison.Ordinal);
        Assert.Equal(HostKeyStatus.Unknown, knownHosts.Verify("node1.other.org", 22, Certify(ca, principal: "node1.other.org")).Status);

        // A certificate that fails falls back to its plain key, as sshconnect.c does.
        var withPlainKey = new KnownHosts([caLine, KnownHostsEntry.ForHost("node1.example.com", 22, host.PublicKey)]) { Clock = clock };
        Assert.Equal(HostKeyStatus.Trusted, withPlainKey.Verify("node1.example.com", 22, Certify(otherCa)).Status);
    }

    [Fact]
    public void A_revoked_certificate_authority_refuses_its_certificates()
    {
        using SshPrivateKey ca = SshPrivateKey.Generate();
        using SshPrivateKey host = SshPrivateKey.Generate();
        var builder = new SshCertificateBuilder(host.PublicKey, SshCertificateType.Host) { KeyId = "node1" };
        builder.Principals.Add("node1.example.com");
        SshCertificate certificate = builder.Sign(ca);
        var knownHosts = new KnownHosts(
        [
            KnownHostsEntry.ForCertificateAuthority(["*.example.com"], ca.PublicKey),
            KnownHostsEntry.ForRevoked(["*"], ca.PublicKey, "compromised"),
        ]);

        HostKeyVerification result = knownHosts.Verify("node1.example.com", 3022, certificate);
        Assert.Equal(HostKeyStatus.Revoked, result.Status);
        Assert.Contains("certificate authority", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_on_a_revoked_line_revokes_the_key_it_certifies()
    {
        using SshPrivateKey ca = SshPrivateKey.Generate();
        using SshPrivateKey host = SshPrivateKey.Generate();
        var builder = new SshCertificateBuilder(host.PublicKey, SshCertificateType.Host) { KeyId = "node1" };
        builder.Principals.Add("node1");
        SshCertificate certificate = builder.Sign(ca);

        // OpenSSH compares the public part (sshkey_equal_public), so such a line must not be skipped.
        KnownHosts knownHosts = KnownHosts.Parse(
            $"""
            node1 {host.PublicKey.ToOpenSshString()}
            @revoked * {certificate.ToOpenSshString()}
            """);

        Assert.Empty(knownHosts.Errors);
        Assert.Equal(HostKeyStatus.Revoked, knownHosts.Verify("node1", 22, host.PublicKey).Status);
        Assert.Throws<ArgumentException>(() => KnownHostsEntry.ForHost("node1", 22, certificate));
    }

    [Fact]
    public void An_empty_pattern_in_a_list_does_not_void_the_line()
    {
        KnownHostsEntry entry = KnownHostsEntry.ParseLine($"host,,other {HostKey.ToOpenSshString()}")!;
        Assert.True(entry.MatchesHost("host"));
        Assert.True(entry.MatchesHost("other"));
        Assert.False(entry.MatchesHost("third"));
    }

    [Fact]
    public void A_file_skips_invalid_lines_and_names_them()
    {
        KnownHosts knownHosts = KnownHosts.Parse(
            $"""
            # comment
            node1 {HostKey.ToOpenSshString()}
            node2 ssh-ed25519 not-base64
            @bogus node3 {HostKey.ToOpenSshString()}
            """);

        Assert.Single(knownHosts.Entries);
        Assert.Equal(2, knownHosts.Errors.Count);
        Assert.StartsWith("known_hosts:3: ", knownHosts.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("known_hosts:4: unknown marker", knownHosts.Errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_that_cannot_be_written_are_refused()
    {
        Assert.Throws<ArgumentException>(() => KnownHostsEntry.ForHost("two words", 22, HostKey));
        Assert.Throws<ArgumentException>(() => KnownHostsEntry.ForCertificateAuthority([], HostKey));
        Assert.Throws<ArgumentException>(() => KnownHostsEntry.ForCertificateAuthority(["a,b"], HostKey));
        Assert.Throws<ArgumentOutOfRangeException>(() => KnownHostsEntry.ForHost("host", 70000, HostKey));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
