using Teleport.Ssh.Keys;
using Xunit.Abstractions;

namespace Teleport.Ssh.Tests.Keys;

/// <summary>
/// 100000 damaged authorized_keys and known_hosts lines each: every line parses or throws
/// <see cref="FormatException"/>, and what parses writes back to a line that parses the same.
/// </summary>
[Collection(ParserPropertyCollection.Name)]
public sealed class KeyLinePropertyTests(ParserSeeds seeds, ITestOutputHelper output)
{
    [Fact]
    public void Authorized_keys_lines_parse_or_throw_FormatException_and_write_back_the_same()
    {
        var mutator = new Mutator(seed: 4);
        PropertyRunner.Run(output, 100_000, () => PropertyRunner.MutateLine(mutator, mutator.Pick(seeds.AuthorizedKeysLines)), line =>
        {
            try
            {
                if (AuthorizedKey.ParseLine(line) is { } parsed)
                {
                    string written = parsed.ToString();
                    Assert.Equal(written, AuthorizedKey.ParseLine(written)!.ToString());
                    _ = parsed.Permits("pty");
                }
            }
            catch (FormatException)
            {
            }
        });
    }

    [Fact]
    public void Known_hosts_lines_parse_or_throw_FormatException_and_verify_without_throwing()
    {
        var mutator = new Mutator(seed: 5);
        string[] hosts = ["node1.example.com", "bad.example.com", "10.0.0.1", "::1", "NODE1.EXAMPLE.COM", new('a', 300)];
        PropertyRunner.Run(output, 100_000, () => PropertyRunner.MutateLine(mutator, mutator.Pick(seeds.KnownHostsLines)), line =>
        {
            try
            {
                if (KnownHostsEntry.ParseLine(line) is { } entry)
                {
                    string written = entry.ToString();
                    Assert.Equal(written, KnownHostsEntry.ParseLine(written)!.ToString());
                    _ = new KnownHosts([entry]).Verify(mutator.Pick(hosts), mutator.Pick([22, 3022]), mutator.Pick(seeds.HostKeys));
                }
            }
            catch (FormatException)
            {
            }
        });
    }

    [Fact]
    public void Whole_files_never_throw()
    {
        var mutator = new Mutator(seed: 6);
        string authorizedKeys = string.Join('\n', seeds.AuthorizedKeysLines);
        string knownHosts = string.Join('\n', seeds.KnownHostsLines);
        PropertyRunner.Run(output, 500, () => mutator.Mutate(mutator.Next(2) == 0 ? authorizedKeys : knownHosts), text =>
        {
            AuthorizedKeysFile.Parse(text);
            KnownHosts.Parse(text);
        });
    }
}
