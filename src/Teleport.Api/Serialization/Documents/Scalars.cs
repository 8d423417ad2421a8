using System.Globalization;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Documents;

/// <summary>Typed readings of scalar nodes, each refusing with the field's path and position.</summary>
internal static class Scalars
{
    public static string Text(DocNode node, string path, DocNode? at = null) => node switch
    {
        ScalarNode scalar => scalar.Value,
        _ => throw ReadContext.Error(path, at ?? node, $"expected text, found {node.Describe()}"),
    };

    /// <summary>Go's YAML reader takes YAML 1.1 booleans: true/false, yes/no, on/off, y/n in any of three cases.</summary>
    public static bool Bool(DocNode node, string path, DocNode? at = null) =>
        TryBool(node, out bool value) ? value : throw ReadContext.Error(path, at ?? node, $"expected true or false, found {node.Describe()}");

    public static bool TryBool(DocNode node, out bool value)
    {
        switch ((node as ScalarNode)?.Value)
        {
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                value = true;
                return true;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static long Long(DocNode node, string path, DocNode? at = null)
    {
        if (node is ScalarNode scalar && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }

        throw ReadContext.Error(path, at ?? node, $"expected a whole number, found {node.Describe()}");
    }

    public static Duration Duration(DocNode node, string path, DocNode? at = null)
    {
        string text = Text(node, path, at);

        // "never" turns client_idle_timeout off (Teleport's constants.DurationNever).
        if (text == "never")
        {
            return Types.Duration.Zero;
        }

        return Types.Duration.TryParse(text, out Duration value)
            ? value
            : throw ReadContext.Error(path, at ?? node, ProblemOf(text));
    }

    /// <summary>RFC 3339 with optional fractional seconds, as Go's time.Time reads and writes it; the zero time means unset.</summary>
    public static DateTimeOffset? Time(DocNode node, string path, DocNode? at = null)
    {
        string text = Text(node, path, at);
        if (!TryParseTime(text, out DateTimeOffset value))
        {
            throw ReadContext.Error(path, at ?? node, $"\"{text}\" is not a time: write it as RFC 3339, e.g. 2025-01-31T00:00:00Z");
        }

        return value == DateTimeOffset.MinValue ? null : value;
    }

    /// <summary>Go's RFC3339Nano as a .NET time allows it: UTC, fraction to 100 ns without trailing zeros.</summary>
    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static bool TryParseTime(string text, out DateTimeOffset value)
    {
        // Go writes up to nine fractional digits; .NET keeps seven (100 ns), so the rest is cut.
        ReadOnlySpan<char> span = text;
        int point = span.IndexOf('.');
        string trimmed = text;
        if (point > 0)
        {
            int end = point + 1;
            while (end < span.Length && char.IsAsciiDigit(span[end]))
            {
                end++;
            }

            if (end - point - 1 > 7)
            {
                trimmed = string.Concat(span[..(point + 8)], span[end..]);
            }
        }

        return DateTimeOffset.TryParseExact(trimmed, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    private static string ProblemOf(string text) =>
        Types.Duration.TryParse(text, out _, out string? problem) ? $"\"{text}\" is not a duration" : problem;
}
