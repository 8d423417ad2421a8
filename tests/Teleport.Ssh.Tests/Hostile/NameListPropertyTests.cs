using FsCheck;
using FsCheck.Fluent;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>Generated name-lists (FsCheck): valid ones round-trip, any bytes decode or throw <see cref="SshProtocolException"/>.</summary>
public sealed class NameListPropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(2_000);

    [Fact]
    public void Valid_name_lists_decode_to_the_names_written()
    {
        // RFC 4251 §6: names are 1 to 64 printable US-ASCII characters, without commas or spaces.
        Gen<string> name = Gen.Choose(0x21, 0x7e).Where(c => c != ',').Select(c => (char)c).ArrayOf()
            .Where(chars => chars.Length is > 0 and <= NameList.MaxNameLength)
            .Select(chars => new string(chars));
        Arbitrary<string[]> lists = name.ArrayOf().Where(names => names.Length <= NameList.DefaultMaxNames).ToArbitrary();
        Check.One(Quick, Prop.ForAll(lists, names =>
            NameList.Decode(System.Text.Encoding.ASCII.GetBytes(NameList.Join(names))).SequenceEqual(names)));
    }

    [Fact]
    public void Any_bytes_decode_or_throw_SshProtocolException()
    {
        Arbitrary<byte[]> bytes = Gen.Frequency(
            (3, Gen.Elements((byte)',', (byte)'a', (byte)' ', (byte)0x7f, (byte)0xc3, (byte)0)),
            (1, ArbMap.Default.GeneratorFor<byte>())).ArrayOf().ToArbitrary();
        Check.One(Quick, Prop.ForAll(bytes, input =>
        {
            try
            {
                string[] names = NameList.Decode(input);
                return names.All(n => n.Length is > 0 and <= NameList.MaxNameLength && !n.Contains(',', StringComparison.Ordinal));
            }
            catch (SshProtocolException)
            {
                return true;
            }
        }));
    }
}
