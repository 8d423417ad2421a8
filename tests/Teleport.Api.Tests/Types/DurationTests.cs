using Teleport.Api.Types;

namespace Teleport.Api.Tests.Types;

/// <summary>Durations read and write as Go's time.ParseDuration and Duration.String do.</summary>
public sealed class DurationTests
{
    public static TheoryData<string, long> Parsed => new()
    {
        { "0", 0 },
        { "0s", 0 },
        { "-0", 0 },
        { "8h", 8 * Duration.Hour },
        { "30m", 30 * Duration.Minute },
        { "1h30m", 90 * Duration.Minute },
        { "90s", 90 * Duration.Second },
        { "1.5h", 90 * Duration.Minute },
        { ".5s", 500 * Duration.Millisecond },
        { "1.s", Duration.Second },
        { "300ms", 300 * Duration.Millisecond },
        { "1us", Duration.Microsecond },
        { "1\u00b5s", Duration.Microsecond },
        { "1\u03bcs", Duration.Microsecond },
        { "7ns", 7 },
        { "+5m", 5 * Duration.Minute },
        { "-1h2m3s", -((Duration.Hour) + (2 * Duration.Minute) + (3 * Duration.Second)) },
        { "1h1h", 2 * Duration.Hour },
        { "0.000000001s", 1 },
        { "2562047h47m16.854775807s", long.MaxValue },
        { "-2562047h47m16.854775808s", long.MinValue },
        { "1.0000000000000000000000000001s", Duration.Second },
    };

    public static TheoryData<long, string> Formatted => new()
    {
        { 0, "0s" },
        { 1, "1ns" },
        { 1100, "1.1\u00b5s" },
        { 2200 * Duration.Microsecond, "2.2ms" },
        { 3300 * Duration.Millisecond, "3.3s" },
        { 4 * Duration.Minute + 5 * Duration.Second, "4m5s" },
        { 4 * Duration.Minute + 5001 * Duration.Millisecond, "4m5.001s" },
        { 5 * Duration.Hour + 6 * Duration.Minute + 7001 * Duration.Millisecond, "5h6m7.001s" },
        { 8 * Duration.Hour, "8h0m0s" },
        { 30 * Duration.Hour, "30h0m0s" },
        { -90 * Duration.Second, "-1m30s" },
        { long.MaxValue, "2562047h47m16.854775807s" },
        { long.MinValue, "-2562047h47m16.854775808s" },
    };

    public static TheoryData<string> Invalid =>
    [
        "", "8 hours", "8", "h", "1hh", ".s", "-.s", "1.2.3s", "1d", "3600", "++1s", "1h 30m", " 1h",
        "9223372036854775808ns", "2562048h", "9999999999999999999h", "1e3s",
    ];

    [Theory]
    [MemberData(nameof(Parsed))]
    public void Parses_like_Go(string text, long nanoseconds) => Assert.Equal(nanoseconds, Duration.Parse(text).Nanoseconds);

    [Theory]
    [MemberData(nameof(Formatted))]
    public void Formats_like_Go(long nanoseconds, string text) => Assert.Equal(text, Duration.FromNanoseconds(nanoseconds).ToString());

    [Theory]
    [MemberData(nameof(Formatted))]
    public void Formatted_text_parses_back(long nanoseconds, string text) => Assert.Equal(nanoseconds, Duration.Parse(text).Nanoseconds);

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Refuses_what_Go_refuses(string text)
    {
        Assert.False(Duration.TryParse(text, out _));
        FormatException e = Assert.Throws<FormatException>(() => Duration.Parse(text));
        Assert.Contains($"\"{text}\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_says_what_is_wrong_and_how_to_write_it() =>
        Assert.Equal("\"8 hours\" is not a duration (write it like 8h, 30m, 1h30m or 90s)", Assert.Throws<FormatException>(() => Duration.Parse("8 hours")).Message);

    [Fact]
    public void Converts_to_and_from_TimeSpan()
    {
        Assert.Equal(TimeSpan.FromMinutes(90), Duration.Parse("1h30m").ToTimeSpan());
        Assert.Equal(Duration.Parse("1.5s"), Duration.FromTimeSpan(TimeSpan.FromMilliseconds(1500)));
        Assert.True(Duration.Parse("30m") < Duration.Parse("1h"));
    }
}
