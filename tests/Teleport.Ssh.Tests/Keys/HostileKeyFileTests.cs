using System.Security.Cryptography;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Keys;

/// <summary>Hand-made openssh-key-v1 files that a mutation is unlikely to stumble on.</summary>
public sealed class HostileKeyFileTests
{
    [Theory]
    [InlineData(new byte[] { 1 }, new byte[] { 1 })]
    [InlineData(new byte[] { 0 }, new byte[] { 7 })]
    [InlineData(new byte[] { 2 }, new byte[] { 1 })]
    public void Rsa_primes_that_are_not_primes_are_refused_cleanly(byte[] p, byte[] q)
    {
        using var rsa = RSA.Create(2048);
        RSAParameters parameters = rsa.ExportParameters(includePrivateParameters: true);
        byte[] file = Build(RsaPublicKey.FromParameters(parameters), section =>
        {
            section.WriteString(AlgorithmNames.Rsa);
            section.WriteMpint(parameters.Modulus);
            section.WriteMpint(parameters.Exponent);
            section.WriteMpint(parameters.D);
            section.WriteMpint(parameters.InverseQ);
            section.WriteMpint(p);
            section.WriteMpint(q);
        });

        var error = Assert.Throws<SshKeyFileException>(() => OpenSshPrivateKeyFile.Read(file, null, OpenSshPrivateKeyFile.MaxRounds));
        Assert.Equal(SshKeyFileError.Malformed, error.Error);
    }

    [Fact]
    public void More_than_one_key_is_refused()
    {
        using SshPrivateKey key = SshPrivateKey.Generate();
        byte[] file = OpenSshPrivateKeyFile.WriteBinary(key, null, OpenSshPrivateKeyFile.DefaultRounds, 1);
        int count = "openssh-key-v1\0"u8.Length + 4 + 4 + 4 + 4 + 4 + 0;
        file[count + 3] = 2; // "none", "none", "" then uint32 N
        var error = Assert.Throws<SshKeyFileException>(() => OpenSshPrivateKeyFile.Read(file, null, OpenSshPrivateKeyFile.MaxRounds));
        Assert.Contains("2 keys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_padding_and_mismatched_keys_are_refused()
    {
        using SshPrivateKey key = SshPrivateKey.Generate();
        using SshPrivateKey other = SshPrivateKey.Generate();
        byte[] badPadding = Build(key.PublicKey, section => PrivateKeyEncoding.Write(section, key), corruptPadding: true);
        Assert.Contains("padding", Assert.Throws<SshKeyFileException>(() => OpenSshPrivateKeyFile.Read(badPadding, null, 16)).Message, StringComparison.Ordinal);

        byte[] mismatched = Build(key.PublicKey, section => PrivateKeyEncoding.Write(section, other));
        Assert.Contains("does not match", Assert.Throws<SshKeyFileException>(() => OpenSshPrivateKeyFile.Read(mismatched, null, 16)).Message, StringComparison.Ordinal);

        byte[] differentCheck = Build(key.PublicKey, section => PrivateKeyEncoding.Write(section, key), secondCheck: 2);
        Assert.Contains("check values differ", Assert.Throws<SshKeyFileException>(() => OpenSshPrivateKeyFile.Read(differentCheck, null, 16)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_bcrypt_rounds_are_refused_before_any_work()
    {
        using SshPrivateKey key = SshPrivateKey.Generate();
        string text = OpenSshPrivateKeyFile.Write(key, "passphrase", rounds: 3);
        using PemBlock block = PemArmor.Decode(text);
        var error = Assert.Throws<SshKeyFileException>(() => OpenSshPrivateKeyFile.Read(block.Data, "passphrase", maxRounds: 2));
        Assert.Equal(SshKeyFileError.Unsupported, error.Error);
        using SshPrivateKey readBack = OpenSshPrivateKeyFile.Read(block.Data, "passphrase", maxRounds: 3);
        Assert.Equal(key.PublicKey, readBack.PublicKey);
    }

    private static byte[] Build(SshPublicKey publicKey, Action<SshWriter> writeKey, bool corruptPadding = false, uint secondCheck = 1)
    {
        using var section = new SshWriter();
        section.WriteUInt32(1);
        section.WriteUInt32(secondCheck);
        writeKey(section);
        section.WriteString("comment");
        byte pad = 1;
        do
        {
            section.WriteByte(pad++);
        }
        while (section.Length % 8 != 0);

        byte[] sectionBytes = section.ToArray();
        if (corruptPadding)
        {
            sectionBytes[^1] = 0;
        }

        using var file = new SshWriter();
        file.WriteRaw("openssh-key-v1\0"u8);
        file.WriteString("none");
        file.WriteString("none");
        file.WriteString(ReadOnlySpan<byte>.Empty);
        file.WriteUInt32(1);
        file.WriteString(publicKey.Blob);
        file.WriteString(sectionBytes);
        return file.ToArray();
    }
}
