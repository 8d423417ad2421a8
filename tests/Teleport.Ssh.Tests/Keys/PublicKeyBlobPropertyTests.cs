using Teleport.Ssh.Keys;
using Xunit.Abstractions;

namespace Teleport.Ssh.Tests.Keys;

/// <summary>100000 damaged key and certificate blobs: each parses or throws <see cref="SshProtocolException"/>.</summary>
[Collection(ParserPropertyCollection.Name)]
public sealed class PublicKeyBlobPropertyTests(ParserSeeds seeds, ITestOutputHelper output)
{
    [Fact]
    public void Public_key_and_certificate_blobs_parse_or_throw_SshProtocolException()
    {
        var mutator = new Mutator(seed: 1);
        PropertyRunner.Run(output, 100_000, () => mutator.Mutate(mutator.Pick(seeds.Blobs)), blob =>
        {
            try
            {
                SshPublicKey key = SshPublicKey.Parse(blob);
                _ = key.Fingerprint + key.ToOpenSshString("comment");
                Assert.Equal(key, SshPublicKey.Parse(key.Blob));

                // Verifying costs more than parsing: one certificate in ten.
                if (key is SshCertificate certificate && mutator.Next(10) == 0)
                {
                    _ = certificate.HasValidSignature();
                }
            }
            catch (SshProtocolException)
            {
            }
        });
    }
}
