using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Keys;

public sealed class AuthorizedKeysTests
{
    private static readonly SshPublicKey UserKey = SshPrivateKey.Generate().PublicKey;
    private static readonly SshPublicKey CaKey = SshPrivateKey.Generate().PublicKey;

    [Fact]
    public void A_bare_key_line_has_no_options_and_keeps_its_comment()
    {
        AuthorizedKey line = AuthorizedKey.ParseLine($"  {UserKey.ToOpenSshString()}   alice@laptop  with spaces \r")!;
        Assert.Equal(UserKey, line.Key);
        Assert.Equal("alice@laptop  with spaces", line.Comment);
        Assert.Empty(line.OptionList);
        Assert.False(line.IsCertificateAuthority);
        Assert.True(line.Permits("pty"));
    }

    [Fact]
    public void Options_are_parsed_with_quotes_escapes_and_repeated_values()
    {
        string text = "cert-authority,principals=\"alice,bob\",from=\"10.0.0.0/8,!10.0.0.1\","
            + "command=\"echo \\\"hi there\\\" \\\\n\",environment=\"A=1\",environment=\"B_2=two words\","
            + "NO-PTY,permitopen=\"db:5432\",permitopen=\"cache:6379\",expiry-time=\"20300101\" "
            + CaKey.ToOpenSshString("the CA");

        AuthorizedKey line = AuthorizedKey.ParseLine(text)!;

        Assert.Equal(CaKey, line.Key);
        Assert.Equal("the CA", line.Comment);
        Assert.True(line.IsCertificateAuthority);
        Assert.Equal(["alice", "bob"], line.Principals);
        Assert.Equal("10.0.0.0/8,!10.0.0.1", line.GetValue("from"));
        // Only \" is an escape (auth-options.c opt_dequote): other backslashes stay as written.
        Assert.Equal("echo \"hi there\" \\\\n", line.Command);
        Assert.Equal(["A=1", "B_2=two words"], line.GetValues("environment"));
        Assert.Equal(["db:5432", "cache:6379"], line.Options["permitopen"]);
        Assert.Equal("20300101", line.GetValue("expiry-time"));
        Assert.True(line.HasOption("no-pty"));
        Assert.True(line.HasOption("No-Pty"));
        Assert.Empty(line.Options["cert-authority"]);
        Assert.Equal(
            ["cert-authority", "principals", "from", "command", "environment", "environment", "no-pty", "permitopen", "permitopen", "expiry-time"],
            line.OptionList.Select(option => option.Key));
    }

    [Theory]
    [InlineData("restrict", false, false)]
    [InlineData("restrict,pty", true, false)]
    [InlineData("pty,restrict", false, false)]
    [InlineData("no-pty", false, true)]
    [InlineData("no-pty,pty", true, true)]
    [InlineData("no-port-forwarding", true, false)]
    public void Restrict_and_its_exceptions_apply_in_order(string options, bool pty, bool portForwarding)
    {
        AuthorizedKey line = AuthorizedKey.ParseLine(options + " " + UserKey.ToOpenSshString())!;
        Assert.Equal(pty, line.Permits("pty"));
        Assert.Equal(portForwarding, line.Permits("port-forwarding"));
        Assert.Throws<ArgumentException>(() => line.Permits("teleport"));
    }

    [Theory]
    [InlineData("no-such-option", "unsupported option \"no-such-option\"")]
    [InlineData("no-pty=\"yes\"", "no-pty takes no value")]
    [InlineData("command", "command needs a value")]
    [InlineData("command=ls", "must be in double quotes")]
    [InlineData("command=\"ls", "no closing quote")]
    [InlineData("command=\"ls\\\"", "no closing quote")]
    [InlineData("command=\"a\",command=\"b\"", "command appears more than once")]
    [InlineData("environment=\"no equals\"", "environment must be NAME=value")]
    [InlineData("environment=\"BAD-NAME=1\"", "environment must be NAME=value")]
    [InlineData("expiry-time=\"2030\"", "expiry-time must be")]
    [InlineData("no-pty,,restrict", "an option is empty")]
    [InlineData("command=\"x\"y", "unexpected \"y\"")]
    [InlineData("principals=\"\"", "principals is empty")]
    public void Lines_sshd_would_refuse_are_refused_with_the_reason(string options, string reason)
    {
        var error = Assert.Throws<FormatException>(() => AuthorizedKey.ParseLine(options + " " + UserKey.ToOpenSshString()));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssh-dss AAAAB3NzaC1kc3M=", "ssh-dss keys are not supported")]
    [InlineData("sk-ssh-ed25519@openssh.com AAAA", "not supported")]
    [InlineData("ssh-ed25519 !!!!", "not valid base64")]
    [InlineData("ssh-ed25519", "has no base64 data")]
    [InlineData("no-pty", "no key")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA==", "malformed")]
    public void Bad_keys_are_refused_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => AuthorizedKey.ParseLine(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_type_word_must_match_the_key()
    {
        string line = "ssh-rsa " + UserKey.ToOpenSshString()[(AlgorithmNames.Ed25519.Length + 1)..];
        var error = Assert.Throws<FormatException>(() => AuthorizedKey.ParseLine(line));
        Assert.Contains("labelled ssh-rsa but its data is a ssh-ed25519 key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Written_lines_read_back_the_same()
    {
        var options = new KeyValuePair<string, string?>[]
        {
            new("restrict", null),
            new("command", "printf '%s\\n' \"quoted\" \\\"already escaped\\\""),
            new("from", "*.example.com,!evil.example.com"),
            new("environment", "LANG=C.UTF-8"),
        };
        var original = new AuthorizedKey(UserKey, options, "bob@host");

        AuthorizedKey copy = AuthorizedKey.ParseLine(original.ToString())!;

        Assert.Equal(original.OptionList, copy.OptionList);
        Assert.Equal(original.Key, copy.Key);
        Assert.Equal("bob@host", copy.Comment);
        Assert.Equal(original.ToString(), copy.ToString());
    }

    [Fact]
    public void Unwritable_options_are_refused_when_building_a_line()
    {
        Assert.Throws<ArgumentException>(() => new AuthorizedKey(UserKey, [new("command", "ends with \\")]));
        Assert.Throws<ArgumentException>(() => new AuthorizedKey(UserKey, [new("bogus", null)]));
        Assert.Throws<ArgumentException>(() => new AuthorizedKey(UserKey, [new("command", "two\nlines")]));
        Assert.Throws<ArgumentException>(() => new AuthorizedKey(UserKey, comment: "two\nlines"));
    }

    [Fact]
    public void A_cert_authority_line_is_what_tctl_exports_for_users()
    {
        AuthorizedKey line = AuthorizedKey.ForCertificateAuthority(CaKey, comment: "clustername=example.com&type=user");
        Assert.Equal($"cert-authority {CaKey.ToOpenSshString()} clustername=example.com&type=user", line.ToString());

        AuthorizedKey limited = AuthorizedKey.ForCertificateAuthority(CaKey, ["alice", "root"]);
        Assert.Equal($"cert-authority,principals=\"alice,root\" {CaKey.ToOpenSshString()}", limited.ToString());
        Assert.Equal(["alice", "root"], AuthorizedKey.ParseLine(limited.ToString())!.Principals);
    }

    [Fact]
    public void A_file_skips_comments_blank_and_bad_lines_and_matches_keys_as_sshd_does()
    {
        using SshPrivateKey ca = SshPrivateKey.Generate();
        using SshPrivateKey user = SshPrivateKey.Generate();
        var builder = new SshCertificateBuilder(user.PublicKey, SshCertificateType.User) { KeyId = "alice" };
        builder.Principals.Add("alice");
        SshCertificate certificate = builder.Sign(ca);

        string text = $"""
            # keys for alice

            {user.PublicKey.ToOpenSshString("laptop")}
            frobnicate {UserKey.ToOpenSshString()}
            cert-authority {ca.PublicKey.ToOpenSshString("cluster CA")}
            {ca.PublicKey.ToOpenSshString("the CA as a plain key")}
            """;
        AuthorizedKeysFile file = AuthorizedKeysFile.Parse(text);

        Assert.Equal(3, file.Keys.Count);
        Assert.Equal(["line 4: unsupported option \"frobnicate\""], file.Errors);
        Assert.Equal(["laptop"], file.Match(user.PublicKey).Select(line => line.Comment));
        Assert.Equal(["cluster CA"], file.Match(certificate).Select(line => line.Comment));
        Assert.Equal(["the CA as a plain key"], file.Match(ca.PublicKey).Select(line => line.Comment));
        Assert.Empty(file.Match(UserKey));
    }

    [Fact]
    public void Ssh_keygen_reads_the_lines_we_write()
    {
        using var directory = new TempDirectory();
        string path = directory.Combine("authorized_keys");
        File.WriteAllLines(path,
        [
            AuthorizedKey.ForCertificateAuthority(CaKey, ["alice"], "cluster").ToString(),
            new AuthorizedKey(UserKey, [new("command", "echo \"hi\""), new("no-pty", null)], "user").ToString(),
        ]);

        string listing = SshKeygen.Run("-l", "-f", path);

        Assert.Contains($"{CaKey.Fingerprint} cluster (ED25519)", listing, StringComparison.Ordinal);
        Assert.Contains($"{UserKey.Fingerprint} user (ED25519)", listing, StringComparison.Ordinal);
    }
}
