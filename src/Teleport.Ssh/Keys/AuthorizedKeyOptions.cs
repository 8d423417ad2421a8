using System.Text;

namespace Teleport.Ssh.Keys;

/// <summary>
/// The options field of an authorized_keys line (sshd(8) AUTHORIZED_KEYS FILE FORMAT, OpenSSH's
/// auth-options.c): comma-separated, no spaces except within double quotes, each either a flag
/// or <c>name="value"</c> where <c>\"</c> stands for a quote. Names are case-insensitive. As
/// sshd does, an unknown option refuses the whole line rather than being ignored.
/// </summary>
internal static class AuthorizedKeyOptions
{
    private static readonly Dictionary<string, Kind> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["agent-forwarding"] = Kind.Flag,
        ["cert-authority"] = Kind.Flag,
        ["no-agent-forwarding"] = Kind.Flag,
        ["no-port-forwarding"] = Kind.Flag,
        ["no-pty"] = Kind.Flag,
        ["no-touch-required"] = Kind.Flag,
        ["no-user-rc"] = Kind.Flag,
        ["no-X11-forwarding"] = Kind.Flag,
        ["port-forwarding"] = Kind.Flag,
        ["pty"] = Kind.Flag,
        ["restrict"] = Kind.Flag,
        ["touch-required"] = Kind.Flag,
        ["user-rc"] = Kind.Flag,
        ["verify-required"] = Kind.Flag,
        ["X11-forwarding"] = Kind.Flag,
        ["command"] = Kind.Value,
        ["from"] = Kind.Value,
        ["principals"] = Kind.Value,
        ["tunnel"] = Kind.Value,
        ["environment"] = Kind.RepeatableValue,
        ["expiry-time"] = Kind.RepeatableValue,
        ["permitlisten"] = Kind.RepeatableValue,
        ["permitopen"] = Kind.RepeatableValue,
    };

    private enum Kind
    {
        Flag,
        Value,
        RepeatableValue,
    }

    /// <summary>The name as the manual spells it, for an option written in any case; null if unknown.</summary>
    public static string? CanonicalName(string name) =>
        Known.TryGetValue(name, out _) ? Known.Keys.First(known => known.Equals(name, StringComparison.OrdinalIgnoreCase)) : null;

    /// <summary>
    /// Reads options from the start of <paramref name="text"/> up to the first unquoted blank;
    /// returns them in order (a flag's value is null) and leaves <paramref name="text"/> after them.
    /// </summary>
    public static List<KeyValuePair<string, string?>> Parse(ref ReadOnlySpan<char> text)
    {
        var options = new List<KeyValuePair<string, string?>>();
        int position = 0;
        while (true)
        {
            int nameEnd = text[position..].IndexOfAny(",= \t\"");
            ReadOnlySpan<char> name = nameEnd < 0 ? text[position..] : text.Slice(position, nameEnd);
            position += name.Length;
            if (name.IsEmpty)
            {
                throw new FormatException("an option is empty");
            }

            string? value = null;
            if (position < text.Length && text[position] == '=')
            {
                position++;
                value = Dequote(text, ref position, name);
            }

            options.Add(Validated(name.ToString(), value, options));
            if (position == text.Length || text[position] is ' ' or '\t')
            {
                text = text[position..];
                return options;
            }

            if (text[position] != ',')
            {
                throw new FormatException($"unexpected \"{text[position]}\" after option {name}");
            }

            position++;
        }
    }

    /// <summary>Checks a name and value as sshd would, returning the option with its canonical name.</summary>
    public static KeyValuePair<string, string?> Validated(string name, string? value, IReadOnlyList<KeyValuePair<string, string?>> previous)
    {
        string canonical = CanonicalName(name) ?? throw new FormatException($"unsupported option \"{PublicKeyText.Shorten(name)}\"");
        Kind kind = Known[canonical];
        if (kind == Kind.Flag && value is not null)
        {
            throw new FormatException($"option {canonical} takes no value");
        }

        if (kind != Kind.Flag && value is null)
        {
            throw new FormatException($"option {canonical} needs a value: {canonical}=\"...\"");
        }

        if (kind == Kind.Value && previous.Any(option => option.Key == canonical))
        {
            throw new FormatException($"option {canonical} appears more than once");
        }

        if (value is not null && value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new FormatException($"the value of {canonical} holds a line break or NUL");
        }

        switch (canonical)
        {
            case "environment":
            {
                // auth-options.c: NAME=value, the name made of letters, digits and underscores.
                int equals = value!.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || value.AsSpan(0, equals).ContainsAnyExcept(EnvironmentNameCharacters))
                {
                    throw new FormatException("environment must be NAME=value");
                }

                break;
            }

            case "expiry-time":
                if (!IsTimestamp(value!))
                {
                    throw new FormatException("expiry-time must be YYYYMMDD[HHMM[SS]][Z]");
                }

                break;

            case "from" or "principals" or "permitopen" or "permitlisten" or "tunnel":
                if (value!.Length == 0)
                {
                    throw new FormatException($"option {canonical} is empty");
                }

                break;
        }

        return new KeyValuePair<string, string?>(canonical, value);
    }

    /// <summary>Writes options back in the file's syntax: a flag by name, a value quoted with <c>\"</c> escapes.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string?>> options)
    {
        var builder = new StringBuilder();
        foreach (KeyValuePair<string, string?> option in options)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(option.Key);
            if (option.Value is { } value)
            {
                builder.Append("=\"").Append(value.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Whether <paramref name="value"/> can be written so that sshd reads it back unchanged: only a
    /// trailing backslash cannot, as it would escape the closing quote.
    /// </summary>
    public static bool IsWritable(string value) => !value.EndsWith('\\');

    /// <summary>
    /// auth-options.c opt_dequote: after the opening quote, <c>\"</c> is a quote, any other
    /// character (a lone backslash included) is itself, and the next plain quote ends the value.
    /// </summary>
    private static string Dequote(ReadOnlySpan<char> text, ref int position, ReadOnlySpan<char> name)
    {
        if (position >= text.Length || text[position] != '"')
        {
            throw new FormatException($"the value of option {name} must be in double quotes");
        }

        position++;
        var value = new StringBuilder();
        while (position < text.Length && text[position] != '"')
        {
            if (text[position] == '\\' && position + 1 < text.Length && text[position + 1] == '"')
            {
                position++;
            }

            value.Append(text[position++]);
        }

        if (position == text.Length)
        {
            throw new FormatException($"the value of option {name} has no closing quote");
        }

        position++;
        return value.ToString();
    }

    private static bool IsTimestamp(string value)
    {
        ReadOnlySpan<char> digits = value.EndsWith('Z') || value.EndsWith('z') ? value.AsSpan(0, value.Length - 1) : value;
        return digits.Length is 8 or 12 or 14 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static readonly System.Buffers.SearchValues<char> EnvironmentNameCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
}
