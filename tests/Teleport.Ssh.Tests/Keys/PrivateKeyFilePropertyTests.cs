using Teleport.Ssh.Keys;
using Xunit.Abstractions;

namespace Teleport.Ssh.Tests.Keys;

/// <summary>100000 damaged private key files of every format: each loads or throws <see cref="SshKeyFileException"/>.</summary>
[Collection(ParserPropertyCollection.Name)]
public sealed class PrivateKeyFilePropertyTests(ParserSeeds seeds, ITestOutputHelper output)
{
    [Fact]
    public void Private_key_files_parse_or_throw_SshKeyFileException()
    {
        var mutator = new Mutator(seed: 2);
        PropertyRunner.Run(
            output,
            100_000,
            () =>
            {
                // Mostly the decoded contents, re-armored, so the damage reaches the structure; else the text.
                (string label, string headers, byte[] data, string? passphrase) = mutator.Pick(seeds.PrivateKeys);
                string text = mutator.Next(10) == 0
                    ? mutator.Mutate(PropertyRunner.Armor(label, headers, data))
                    : PropertyRunner.Armor(label, headers, mutator.Mutate(data));
                return (Text: text, Passphrase: passphrase);
            },
            input =>
            {
                try
                {
                    using SshPrivateKey key = SshKeyFile.ParsePrivateKey(input.Text, input.Passphrase);
                }
                catch (SshKeyFileException)
                {
                }
            });
    }

    [Fact]
    public void Encrypted_openssh_keys_decrypt_or_throw_SshKeyFileException()
    {
        // Each input that gets as far as the KDF costs a bcrypt_pbkdf: fewer, with the rounds capped.
        var mutator = new Mutator(seed: 3);
        PropertyRunner.Run(output, 1_000, () => mutator.Mutate(mutator.Pick(seeds.EncryptedOpenSshKeys)), data =>
        {
            try
            {
                using SshPrivateKey key = OpenSshPrivateKeyFile.Read(data, ParserSeeds.Passphrase, maxRounds: 2);
            }
            catch (SshKeyFileException)
            {
            }
        });
    }
}
