using System.Text;
using Teleport.Backend.Internal;

namespace Teleport.Backend;

/// <summary>Builds and checks backend keys, and orders them as backends do.</summary>
public static class Keys
{
    /// <summary>Separates the parts of a key.</summary>
    public const char Separator = '/';

    /// <summary>Orders strings by their UTF-8 bytes (code point order), the order of every backend.</summary>
    public static IComparer<string> Comparer { get; } = Utf8OrdinalComparer.Instance;

    /// <summary>Joins parts into a key: <c>Key("users", "alice", "params")</c> is <c>/users/alice/params</c>.</summary>
    public static string Key(params ReadOnlySpan<string> parts)
    {
        var builder = new StringBuilder();
        foreach (string part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
            builder.Append(Separator).Append(part);
        }

        return builder.Length == 0 ? Separator.ToString() : builder.ToString();
    }

    /// <summary>
    /// The smallest string greater than every key that starts with <paramref name="prefix"/>, so
    /// [prefix, RangeEnd(prefix)) holds exactly the keys under it. Like Teleport's
    /// <c>backend.RangeEnd</c>, it increments the last character, in code point order.
    /// </summary>
    public static string RangeEnd(string prefix)
    {
        Validate(prefix, nameof(prefix));
        int end = prefix.Length;
        while (end > 0)
        {
            // Work on whole code points: a surrogate pair is one character of the key.
            int width = end >= 2 && char.IsSurrogatePair(prefix[end - 2], prefix[end - 1]) ? 2 : 1;
            var rune = Rune.GetRuneAt(prefix, end - width);
            if (rune.Value < 0x10FFFF)
            {
                // The next scalar value; the surrogate block is no code point, so skip it.
                int next = rune.Value == 0xD7FF ? 0xE000 : rune.Value + 1;
                return string.Concat(prefix.AsSpan(0, end - width), new Rune(next).ToString());
            }

            // U+10FFFF has no successor: drop it and increment the character before.
            end -= width;
        }

        // Unreachable for valid prefixes: they start with '/', which has a successor.
        throw new ArgumentException($"prefix {prefix} has no range end", nameof(prefix));
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="key"/> is a valid key.</summary>
    public static void Validate(string key, string? parameterName = null)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (key.Length == 0 || key[0] != Separator)
        {
            throw new ArgumentException($"key \"{key}\" must start with '{Separator}'", parameterName);
        }

        ValidateUtf16(key, parameterName);
    }

    /// <summary>Range bounds need not be keys, but must encode to UTF-8 like one.</summary>
    internal static void ValidateBound(string bound, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(bound, parameterName);
        ValidateUtf16(bound, parameterName);
    }

    private static void ValidateUtf16(string text, string? parameterName)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i]))
            {
                continue;
            }

            if (!char.IsHighSurrogate(text[i]) || i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]))
            {
                throw new ArgumentException($"key \"{text}\" is not well-formed UTF-16: lone surrogate at index {i}", parameterName);
            }

            i++;
        }
    }
}
