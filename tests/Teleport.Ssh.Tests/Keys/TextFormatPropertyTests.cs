using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Keys;

/// <summary>Generated properties of the text formats (FsCheck): quoting round-trips, pattern matching agrees with a regex.</summary>
public sealed class TextFormatPropertyTests
{
    private static readonly SshPublicKey Key = SshPrivateKey.Generate().PublicKey;
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(2_000);

    [Fact]
    public void Any_writable_option_value_reads_back_unchanged()
    {
        // Values sshd can hold: no line breaks or NUL, and no trailing backslash (it would escape the quote).
        Arbitrary<string> values = ArbMap.Default.ArbFor<string>().Filter(value =>
            value is not null && value.AsSpan().IndexOfAny('\r', '\n', '\0') < 0 && !value.EndsWith('\\'));
        Check.One(Quick, Prop.ForAll(values, value =>
        {
            var line = new AuthorizedKey(Key, [new("command", value), new("no-pty", null)], "comment");
            AuthorizedKey parsed = AuthorizedKey.ParseLine(line.ToString())!;
            return parsed.Command == value && parsed.HasOption("no-pty") && parsed.Comment == "comment";
        }));
    }

    [Fact]
    public void Wildcard_matching_agrees_with_the_equivalent_regular_expression()
    {
        Arbitrary<(string Name, string Pattern)> cases = Gen.Zip(Text("abAB."), Text("abAB.*?")).ToArbitrary();
        Check.One(Quick, Prop.ForAll(cases, input =>
        {
            string regex = "^" + string.Concat(input.Pattern.Select(c => c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            })) + "$";
            bool expected = Regex.IsMatch(input.Name, regex, RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return HostPatterns.Match(input.Name, input.Pattern) == expected;
        }));
    }

    [Fact]
    public void A_host_entry_plain_or_hashed_matches_its_own_host_and_port_only()
    {
        Arbitrary<(string Host, int Port, bool Hash)> cases =
            Gen.Zip(Text("abcxyz0189.-").Where(host => host.Length > 0), Gen.Zip(Gen.Elements(22, 2222, 3022), Gen.Elements(false, true)))
            .Select(input => (input.Item1, input.Item2.Item1, input.Item2.Item2))
            .ToArbitrary();
        Check.One(Quick, Prop.ForAll(cases, input =>
        {
            KnownHostsEntry entry = KnownHostsEntry.ParseLine(KnownHostsEntry.ForHost(input.Host, input.Port, Key, input.Hash).ToString())!;
            return entry.MatchesHost(input.Host.ToUpperInvariant(), input.Port)
                && !entry.MatchesHost(input.Host, input.Port == 22 ? 2222 : 22)
                && !entry.MatchesHost(input.Host + "x", input.Port);
        }));
    }

    private static Gen<string> Text(string alphabet) =>
        Gen.Elements(alphabet.ToCharArray()).ArrayOf().Select(characters => new string(characters));
}
