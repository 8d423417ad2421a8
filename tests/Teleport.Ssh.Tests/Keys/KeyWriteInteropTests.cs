using System.Runtime.Versioning;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Keys;

/// <summary>Private key files we write, read by the real ssh-keygen.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeyWriteInteropTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public static TheoryData<string, bool> KeyTypes()
    {
        var data = new TheoryData<string, bool>();
        foreach (string type in new[] { AlgorithmNames.Ed25519, AlgorithmNames.Rsa, AlgorithmNames.EcdsaNistp256, AlgorithmNames.EcdsaNistp384, AlgorithmNames.EcdsaNistp521 })
        {
            data.Add(type, false);
            data.Add(type, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public void Ssh_keygen_reads_our_key_file_and_agrees_on_public_key_and_fingerprint(string keyType, bool encrypted)
    {
        string? passphrase = encrypted ? "our passphrase" : null;
        using SshPrivateKey key = SshPrivateKey.Generate(keyType, rsaBits: 2048);
        key.Comment = "alice@example.com";
        string path = _directory.Combine("id_ours");
        SshKeyFile.WritePrivateKey(path, key, passphrase);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        string text = File.ReadAllText(path);
        Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n-----END OPENSSH PRIVATE KEY-----\n", text, StringComparison.Ordinal);
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..^1];
        Assert.All(lines[..^1], line => Assert.Equal(70, line.Length));
        Assert.InRange(lines[^1].Length, 1, 70);

        string[] passphraseArguments = encrypted ? ["-P", passphrase!] : [];
        string printed = SshKeygen.Run(["-y", .. passphraseArguments, "-f", path]).Trim();
        Assert.Equal(key.PublicKey.ToOpenSshString("alice@example.com"), printed);

        // The comment is inside the encrypted section: without a passphrase ssh-keygen -l sees none.
        string fingerprint = SshKeygen.Run("-l", "-f", path);
        Assert.Contains($"{key.PublicKey.Fingerprint} {(encrypted ? "no comment" : "alice@example.com")}", fingerprint, StringComparison.Ordinal);

        using SshPrivateKey readBack = SshKeyFile.LoadPrivateKey(path, passphrase);
        Assert.Equal(key.PublicKey, readBack.PublicKey);
        Assert.Equal("alice@example.com", readBack.Comment);
    }

    [Fact]
    public void Ssh_keygen_refuses_our_encrypted_key_with_a_wrong_passphrase()
    {
        using SshPrivateKey key = SshPrivateKey.Generate();
        string path = _directory.Combine("id_encrypted");
        SshKeyFile.WritePrivateKey(path, key, "right passphrase");
        (int exitCode, _, string error) = SshKeygen.TryRun("-y", "-P", "wrong passphrase", "-f", path);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("incorrect passphrase", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_over_a_world_readable_file_leaves_a_0600_file()
    {
        string path = _directory.Combine("id_replaced");
        File.WriteAllText(path, "old contents");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using SshPrivateKey key = SshPrivateKey.Generate();
        SshKeyFile.WritePrivateKey(path, key);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Single(Directory.GetFiles(_directory.Path));
        using SshPrivateKey readBack = SshKeyFile.LoadPrivateKey(path);
        Assert.Equal(key.PublicKey, readBack.PublicKey);
    }

    [Fact]
    public void Two_writes_of_one_key_differ_only_by_the_random_check_int()
    {
        using SshPrivateKey key = SshPrivateKey.Generate();
        string first = OpenSshPrivateKeyFile.Write(key);
        string second = OpenSshPrivateKeyFile.Write(key);
        Assert.NotEqual(first, second);
        using SshPrivateKey a = OpenSshPrivateKeyFile.Read(first);
        using SshPrivateKey b = OpenSshPrivateKeyFile.Read(second);
        Assert.Equal(a.PublicKey, b.PublicKey);
    }

    public void Dispose() => _directory.Dispose();
}
