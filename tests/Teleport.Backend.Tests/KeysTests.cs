using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Teleport.Backend.Tests;

/// <summary>Key building, range ends, and the code point order every backend shares (checked against UTF-8 bytes with FsCheck).</summary>
public sealed class KeysTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(5_000);

    [Fact]
    public void Key_joins_parts_with_slashes()
    {
        Assert.Equal("/users/alice/params", Keys.Key("users", "alice", "params"));
        Assert.Equal("/nodes/default/0b2c", Keys.Key("nodes", "default", "0b2c"));
        Assert.Equal("/", Keys.Key());
    }

    [Theory]
    [InlineData("/users/", "/users0")]
    [InlineData("/a", "/b")]
    [InlineData("/", "0")]
    [InlineData("/\u00E9", "/\u00EA")]
    [InlineData("/x\uD7FF", "/x\uE000")]
    [InlineData("/x\uFFFF", "/x\U00010000")]
    [InlineData("/x\U0001F600", "/x\U0001F601")]
    [InlineData("/x\U0010FFFF", "/y")]
    [InlineData("/x\U0010FFFF\U0010FFFF", "/y")]
    public void Range_end_is_the_next_string_in_code_point_order(string prefix, string end) =>
        Assert.Equal(end, Keys.RangeEnd(prefix));

    [Fact]
    public void The_comparer_orders_as_utf8_bytes_do()
    {
        Arbitrary<(string, string)> pairs = Gen.Zip(KeyText(), KeyText()).ToArbitrary();
        Check.One(Quick, Prop.ForAll(pairs, pair =>
        {
            (string x, string y) = pair;
            int expected = Math.Sign(Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)));
            return Math.Sign(Keys.Comparer.Compare(x, y)) == expected && Math.Sign(Keys.Comparer.Compare(y, x)) == -expected;
        }));
    }

    [Fact]
    public void A_prefix_range_holds_exactly_the_strings_that_start_with_the_prefix()
    {
        Arbitrary<(string, string)> pairs = Gen.Zip(KeyText(), KeyText()).ToArbitrary();
        Check.One(Quick, Prop.ForAll(pairs, pair =>
        {
            string prefix = "/" + pair.Item1;
            string key = pair.Item2.Length % 2 == 0 ? prefix + pair.Item2 : "/" + pair.Item2;
            string end = Keys.RangeEnd(prefix);
            bool inRange = Keys.Comparer.Compare(key, prefix) >= 0 && Keys.Comparer.Compare(key, end) < 0;
            return inRange == key.StartsWith(prefix, StringComparison.Ordinal);
        }));
    }

    [Fact]
    public void Validation_refuses_what_is_not_a_key()
    {
        Keys.Validate("/ok/\U0001F600");
        Assert.Throws<ArgumentNullException>(() => Keys.Validate(null!));
        Assert.Throws<ArgumentException>(() => Keys.Validate(string.Empty));
        Assert.Throws<ArgumentException>(() => Keys.Validate("relative"));
        Assert.Throws<ArgumentException>(() => Keys.Validate("/lone\uD800"));
        Assert.Throws<ArgumentException>(() => Keys.Validate("/lone\uDC00"));
        Assert.Throws<ArgumentException>(() => Keys.RangeEnd("no-slash"));
    }

    /// <summary>Well-formed strings drawn mostly from the places where UTF-16 and UTF-8 order disagree.</summary>
    private static Gen<string> KeyText() =>
        Gen.OneOf(
            Gen.Choose(0x20, 0x7F),
            Gen.Choose(0x80, 0x7FF),
            Gen.Choose(0xD700, 0xD7FF),
            Gen.Choose(0xE000, 0xFFFF),
            Gen.Choose(0x10000, 0x10FFFF),
            Gen.Elements(0x2F, 0x30, 0xFFFF, 0x10000, 0x10FFFF))
        .ArrayOf()
        .Select(codePoints => string.Concat(codePoints.Select(codePoint => new Rune(codePoint).ToString())));
}
