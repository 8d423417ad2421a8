using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Teleport.Api.Types;

/// <summary>
/// A span of time in nanoseconds with Go's <c>time.Duration</c> text form, which Teleport uses
/// for every duration in a resource (<c>max_session_ttl: 8h</c>, <c>client_idle_timeout: 30m</c>,
/// a command label's <c>period: 1m0s</c>). <see cref="Parse"/> accepts what Go's
/// <c>time.ParseDuration</c> accepts (<c>1h30m</c>, <c>90s</c>, <c>1.5h</c>, <c>300ms</c>) and
/// <see cref="ToString"/> writes what Go's <c>Duration.String</c> writes (<c>1h30m0s</c>), so
/// resources written here read the same in Teleport and back.
/// </summary>
public readonly struct Duration : IEquatable<Duration>, IComparable<Duration>
{
    public const long Nanosecond = 1;
    public const long Microsecond = 1000 * Nanosecond;
    public const long Millisecond = 1000 * Microsecond;
    public const long Second = 1000 * Millisecond;
    public const long Minute = 60 * Second;
    public const long Hour = 60 * Minute;

    private Duration(long nanoseconds) => Nanoseconds = nanoseconds;

    public static Duration Zero => default;

    public long Nanoseconds { get; }

    public bool IsZero => Nanoseconds == 0;

    public static Duration FromNanoseconds(long nanoseconds) => new(nanoseconds);

    public static Duration FromSeconds(long seconds) => new(checked(seconds * Second));

    public static Duration FromMinutes(long minutes) => new(checked(minutes * Minute));

    public static Duration FromHours(long hours) => new(checked(hours * Hour));

    /// <summary>Converts with 100 ns precision (a <see cref="TimeSpan"/> tick).</summary>
    public static Duration FromTimeSpan(TimeSpan value) => new(checked(value.Ticks * 100));

    public TimeSpan ToTimeSpan() => TimeSpan.FromTicks(Nanoseconds / 100);

    /// <summary>
    /// Parses Go's duration syntax: an optional sign, then one or more decimal numbers each with
    /// a unit (<c>ns</c>, <c>us</c>, <c>µs</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>); <c>0</c>
    /// alone needs no unit. Throws <see cref="FormatException"/> whose message says
    /// <c>"8 hours" is not a duration</c> and how to write one.
    /// </summary>
    public static Duration Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out Duration value, out string? problem)
            ? value
            : throw new FormatException(problem);
    }

    public static bool TryParse(string? text, out Duration value) => TryParse(text, out value, out _);

    /// <summary>Go's <c>Duration.String</c>: <c>0s</c>, <c>1.5µs</c>, <c>300ms</c>, <c>1m30s</c>, <c>8h0m0s</c>.</summary>
    public override string ToString()
    {
        if (Nanoseconds == 0)
        {
            return "0s";
        }

        // The magnitude of long.MinValue does not fit a long; ulong holds every magnitude.
        ulong magnitude = Nanoseconds < 0 ? unchecked((ulong)-(Nanoseconds + 1)) + 1 : (ulong)Nanoseconds;
        var text = new StringBuilder(32);
        if (Nanoseconds < 0)
        {
            text.Append('-');
        }

        if (magnitude < Second)
        {
            // Below a second Go switches to the largest unit that keeps an integer part.
            (ulong unit, string suffix) = magnitude switch
            {
                < Microsecond => (1UL, "ns"),
                < Millisecond => ((ulong)Microsecond, "\u00b5s"),
                _ => ((ulong)Millisecond, "ms"),
            };
            AppendDecimal(text, magnitude / unit, magnitude % unit, unit);
            return text.Append(suffix).ToString();
        }

        ulong hours = magnitude / Hour;
        ulong minutes = magnitude / Minute % 60;
        ulong seconds = magnitude / Second % 60;
        ulong fraction = magnitude % Second;
        if (hours > 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        AppendDecimal(text, seconds, fraction, Second);
        return text.Append('s').ToString();
    }

    public bool Equals(Duration other) => Nanoseconds == other.Nanoseconds;

    public override bool Equals(object? obj) => obj is Duration other && Equals(other);

    public override int GetHashCode() => Nanoseconds.GetHashCode();

    public int CompareTo(Duration other) => Nanoseconds.CompareTo(other.Nanoseconds);

    public static bool operator ==(Duration left, Duration right) => left.Equals(right);

    public static bool operator !=(Duration left, Duration right) => !left.Equals(right);

    public static bool operator <(Duration left, Duration right) => left.Nanoseconds < right.Nanoseconds;

    public static bool operator >(Duration left, Duration right) => left.Nanoseconds > right.Nanoseconds;

    public static bool operator <=(Duration left, Duration right) => left.Nanoseconds <= right.Nanoseconds;

    public static bool operator >=(Duration left, Duration right) => left.Nanoseconds >= right.Nanoseconds;

    /// <summary>Writes <c>whole[.fraction]</c>, the fraction in units of <paramref name="unit"/> without trailing zeros.</summary>
    private static void AppendDecimal(StringBuilder text, ulong whole, ulong fraction, ulong unit)
    {
        text.Append(whole.ToString(CultureInfo.InvariantCulture));
        if (fraction == 0)
        {
            return;
        }

        int digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        string padded = fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        text.Append('.').Append(padded.TrimEnd('0'));
    }

    /// <summary>Go's <c>time.ParseDuration</c>, step by step, with its overflow checks.</summary>
    internal static bool TryParse(string? original, out Duration value, [NotNullWhen(false)] out string? problem)
    {
        value = default;
        problem = null;
        if (original is null)
        {
            problem = "a duration is required";
            return false;
        }

        ReadOnlySpan<char> s = original;
        bool negative = false;
        if (!s.IsEmpty && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return true;
        }

        if (s.IsEmpty)
        {
            return Fail(original, out problem);
        }

        const ulong Limit = 1UL << 63;
        ulong total = 0;
        while (!s.IsEmpty)
        {
            if (s[0] != '.' && !char.IsAsciiDigit(s[0]))
            {
                return Fail(original, out problem);
            }

            int before = s.Length;
            if (!TryLeadingInteger(ref s, out ulong whole))
            {
                return Fail(original, out problem, "is too long a duration");
            }

            bool hasWhole = before != s.Length;
            ulong fraction = 0;
            double scale = 1;
            bool hasFraction = false;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                int afterPoint = s.Length;
                LeadingFraction(ref s, out fraction, out scale);
                hasFraction = afterPoint != s.Length;
            }

            if (!hasWhole && !hasFraction)
            {
                return Fail(original, out problem);
            }

            int unitLength = 0;
            while (unitLength < s.Length && s[unitLength] != '.' && !char.IsAsciiDigit(s[unitLength]))
            {
                unitLength++;
            }

            if (unitLength == 0)
            {
                return Fail(original, out problem, "has a number without a unit");
            }

            ulong unit = UnitOf(s[..unitLength]);
            s = s[unitLength..];
            if (unit == 0)
            {
                return Fail(original, out problem);
            }

            if (whole > Limit / unit)
            {
                return Fail(original, out problem, "is too long a duration");
            }

            whole *= unit;
            if (fraction > 0)
            {
                // A double keeps fractions of an hour accurate to the nanosecond, as in Go.
                whole += (ulong)(fraction * (unit / scale));
                if (whole > Limit)
                {
                    return Fail(original, out problem, "is too long a duration");
                }
            }

            total += whole;
            if (total > Limit)
            {
                return Fail(original, out problem, "is too long a duration");
            }
        }

        if (negative)
        {
            value = new Duration(total == Limit ? long.MinValue : -(long)total);
            return true;
        }

        if (total > Limit - 1)
        {
            return Fail(original, out problem, "is too long a duration");
        }

        value = new Duration((long)total);
        return true;
    }

    private static bool TryLeadingInteger(ref ReadOnlySpan<char> s, out ulong result)
    {
        result = 0;
        int i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (result > (1UL << 63) / 10)
            {
                return false;
            }

            result = (result * 10) + (ulong)(s[i] - '0');
            if (result > 1UL << 63)
            {
                return false;
            }
        }

        s = s[i..];
        return true;
    }

    private static void LeadingFraction(ref ReadOnlySpan<char> s, out ulong fraction, out double scale)
    {
        fraction = 0;
        scale = 1;
        bool overflow = false;
        int i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (overflow)
            {
                continue;
            }

            // Digits past what fits cannot change the result: Go drops them the same way.
            ulong next = fraction > long.MaxValue / 10 ? ulong.MaxValue : (fraction * 10) + (ulong)(s[i] - '0');
            if (next > 1UL << 63)
            {
                overflow = true;
                continue;
            }

            fraction = next;
            scale *= 10;
        }

        s = s[i..];
    }

    private static ulong UnitOf(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => Nanosecond,
        "us" or "\u00b5s" or "\u03bcs" => Microsecond,
        "ms" => Millisecond,
        "s" => Second,
        "m" => Minute,
        "h" => Hour,
        _ => 0,
    };

    private static bool Fail(string original, [NotNullWhen(false)] out string? problem, string? what = null)
    {
        problem = what is null
            ? $"\"{original}\" is not a duration (write it like 8h, 30m, 1h30m or 90s)"
            : $"\"{original}\" {what} (write it like 8h, 30m, 1h30m or 90s)";
        return false;
    }
}
