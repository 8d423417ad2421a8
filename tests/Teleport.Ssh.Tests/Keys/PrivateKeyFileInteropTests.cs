using System.Buffers.Binary;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Keys;

/// <summary>Private keys written by the real ssh-keygen, in every format and type it offers, read by us.</summary>
public sealed class PrivateKeyFileInteropTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";

    private readonly TempDirectory _directory = new();

    public static TheoryData<string, int, string?, bool> Keys()
    {
        var data = new TheoryData<string, int, string?, bool>();
        (string Type, int Bits)[] types = [("ed25519", 0), ("rsa", 2048), ("ecdsa", 256), ("ecdsa", 384), ("ecdsa", 521)];
        foreach ((string type, int bits) in types)
        {
            foreach (bool encrypted in new[] { false, true })
            {
                data.Add(type, bits, null, encrypted);
                if (type != "ed25519")
                {
                    data.Add(type, bits, "PEM", encrypted);
                    data.Add(type, bits, "PKCS8", encrypted);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_key_from_ssh_keygen_loads_matches_its_pub_file_and_signs(string type, int bits, string? format, bool encrypted)
    {
        string path = SshKeygen.Generate(_directory, type, bits, encrypted ? Passphrase : null, format);
        SshPublicKey expected = SshKeyFile.LoadPublicKey(path + ".pub");

        using SshPrivateKey key = SshKeyFile.LoadPrivateKey(path, encrypted ? Passphrase : null);
        Assert.Equal(expected, key.PublicKey);
        if (format is null)
        {
            Assert.Equal("test key", key.Comment);
        }

        byte[] data = "session identifier"u8.ToArray();
        foreach (string algorithm in key.PublicKey.SignatureAlgorithms)
        {
            Assert.True(expected.VerifySignature(algorithm, data, key.Sign(algorithm, data)));
        }

        if (encrypted)
        {
            var wrong = Assert.Throws<SshKeyFileException>(() => SshKeyFile.LoadPrivateKey(path, "incorrect horse"));
            Assert.Equal(SshKeyFileError.IncorrectPassphrase, wrong.Error);
            Assert.Equal("incorrect passphrase", wrong.Message);
            var missing = Assert.Throws<SshKeyFileException>(() => SshKeyFile.LoadPrivateKey(path));
            Assert.Equal(SshKeyFileError.PassphraseRequired, missing.Error);
        }
    }

    [Theory]
    [InlineData("aes128-ctr")]
    [InlineData("aes192-ctr")]
    [InlineData("aes256-ctr")]
    [InlineData("aes128-cbc")]
    [InlineData("aes256-cbc")]
    [InlineData("aes128-gcm@openssh.com")]
    [InlineData("aes256-gcm@openssh.com")]
    public void Every_cipher_ssh_keygen_offers_for_key_files_decrypts(string cipher)
    {
        string path = _directory.Combine("id_" + cipher);
        SshKeygen.Run("-q", "-t", "ed25519", "-Z", cipher, "-a", "4", "-N", Passphrase, "-C", cipher, "-f", path);

        using SshPrivateKey key = SshKeyFile.LoadPrivateKey(path, Passphrase);
        Assert.Equal(SshKeyFile.LoadPublicKey(path + ".pub"), key.PublicKey);
        Assert.Equal(cipher, key.Comment);
        var wrong = Assert.Throws<SshKeyFileException>(() => SshKeyFile.LoadPrivateKey(path, Passphrase + "!"));
        Assert.Equal(SshKeyFileError.IncorrectPassphrase, wrong.Error);
    }

    [Fact]
    public void More_bcrypt_rounds_still_decrypt()
    {
        string path = _directory.Combine("id_rounds");
        SshKeygen.Run("-q", "-t", "ed25519", "-a", "64", "-N", Passphrase, "-f", path);
        using SshPrivateKey key = SshKeyFile.LoadPrivateKey(path, Passphrase);
        Assert.Equal(SshKeyFile.LoadPublicKey(path + ".pub"), key.PublicKey);
    }

    [Theory]
    [InlineData("ed25519", 0)]
    [InlineData("rsa", 2048)]
    [InlineData("ecdsa", 256)]
    [InlineData("ecdsa", 384)]
    [InlineData("ecdsa", 521)]
    public void Rewriting_an_ssh_keygen_key_with_its_check_int_gives_the_same_file_byte_for_byte(string type, int bits)
    {
        string path = SshKeygen.Generate(_directory, type, bits, passphrase: null, comment: "alice@example.com");
        string original = File.ReadAllText(path);
        using SshPrivateKey key = SshKeyFile.ParsePrivateKey(original);

        // The check-int is the only random part: take ssh-keygen's from the private section.
        using PemBlock block = PemArmor.Decode(original);
        uint checkInt = BinaryPrimitives.ReadUInt32BigEndian(block.Data.AsSpan(block.Data.Length - SectionLength(block.Data)));
        byte[] binary = OpenSshPrivateKeyFile.WriteBinary(key, passphrase: null, OpenSshPrivateKeyFile.DefaultRounds, checkInt);
        string rewritten = System.Text.Encoding.ASCII.GetString(PemArmor.Encode(OpenSshPrivateKeyFile.PemLabel, binary, 70));

        Assert.Equal(original, rewritten);
    }

    [Fact]
    public void Legacy_encrypted_pem_with_an_unsupported_cipher_is_refused_with_advice()
    {
        string text = """
            -----BEGIN RSA PRIVATE KEY-----
            Proc-Type: 4,ENCRYPTED
            DEK-Info: CAMELLIA-128-CBC,00112233445566778899AABBCCDDEEFF

            AAAAAAAAAAAAAAAAAAAAAA==
            -----END RSA PRIVATE KEY-----
            """;
        var error = Assert.Throws<SshKeyFileException>(() => SshKeyFile.ParsePrivateKey(text, "x"));
        Assert.Equal(SshKeyFileError.Unsupported, error.Error);
        Assert.Contains("ssh-keygen -p", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc8410_ed25519_pkcs8_key_loads()
    {
        // RFC 8410 §10.3's example private key and the public key it gives.
        const string privateKey = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
            -----END PRIVATE KEY-----
            """;
        byte[] publicKey = Convert.FromBase64String("MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=")[^32..];

        using SshPrivateKey key = SshKeyFile.ParsePrivateKey(privateKey);
        Assert.Equal(Ed25519PublicKey.FromBytes(publicKey), key.PublicKey);
    }

    [Fact]
    public void Public_and_unknown_files_are_named_for_what_they_are()
    {
        string path = SshKeygen.Generate(_directory, "ed25519", 0, passphrase: null);
        var publicKey = Assert.Throws<SshKeyFileException>(() => SshKeyFile.LoadPrivateKey(path + ".pub"));
        Assert.Contains("this is a public key", publicKey.Message, StringComparison.Ordinal);

        var putty = Assert.Throws<SshKeyFileException>(() => SshKeyFile.ParsePrivateKey("PuTTY-User-Key-File-3: ssh-ed25519\n"));
        Assert.Equal(SshKeyFileError.Unsupported, putty.Error);

        string truncated = File.ReadAllText(path)[..200];
        var cut = Assert.Throws<SshKeyFileException>(() => SshKeyFile.ParsePrivateKey(truncated));
        Assert.Equal(SshKeyFileError.Malformed, cut.Error);
        Assert.Contains("truncated", cut.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>Length of the private section: the last string of an unencrypted file (no tag follows).</summary>
    private static int SectionLength(byte[] binary)
    {
        // Walk the header: magic, cipher, kdf, kdfoptions, N, public key, then the section string.
        int position = "openssh-key-v1\0"u8.Length;
        for (int field = 0; field < 3; field++)
        {
            position += 4 + (int)BinaryPrimitives.ReadUInt32BigEndian(binary.AsSpan(position));
        }

        position += 4;
        position += 4 + (int)BinaryPrimitives.ReadUInt32BigEndian(binary.AsSpan(position));
        return (int)BinaryPrimitives.ReadUInt32BigEndian(binary.AsSpan(position));
    }
}
