using System.Collections.ObjectModel;

namespace Teleport.Ssh.Keys;

/// <summary>
/// One line of an authorized_keys file (sshd(8) AUTHORIZED_KEYS FILE FORMAT): optional options,
/// then key type, base64 key and comment. With <c>cert-authority</c> the key is a CA trusted to
/// sign user certificates (what TrustedUserCAKeys also holds); otherwise it is a user's key.
/// </summary>
public sealed class AuthorizedKey
{
    /// <summary>Lines longer than this are refused (a certificate of a 16384-bit RSA key is ~6 KiB of base64).</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>Features that <c>restrict</c> turns off and the option of the same name turns back on.</summary>
    private static readonly string[] Restrictable = ["agent-forwarding", "port-forwarding", "pty", "user-rc", "X11-forwarding"];

    private readonly KeyValuePair<string, string?>[] _options;

    /// <summary>
    /// A line for <paramref name="key"/> with <paramref name="options"/> in order (a null value for
    /// a flag such as <c>no-pty</c>). Throws <see cref="ArgumentException"/> for an option sshd
    /// would refuse.
    /// </summary>
    public AuthorizedKey(SshPublicKey key, IEnumerable<KeyValuePair<string, string?>>? options = null, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (comment is not null && comment.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("a comment cannot hold a line break", nameof(comment));
        }

        var validated = new List<KeyValuePair<string, string?>>();
        foreach (KeyValuePair<string, string?> option in options ?? [])
        {
            try
            {
                validated.Add(AuthorizedKeyOptions.Validated(option.Key, option.Value, validated));
            }
            catch (FormatException e)
            {
                throw new ArgumentException(e.Message, nameof(options), e);
            }

            if (option.Value is not null && !AuthorizedKeyOptions.IsWritable(option.Value))
            {
                throw new ArgumentException($"the value of {option.Key} cannot end with a backslash", nameof(options));
            }
        }

        Key = key;
        Comment = comment ?? string.Empty;
        _options = [.. validated];
        Options = _options
            .GroupBy(option => option.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                group => group.Key,
                group => (IReadOnlyList<string>)[.. group.Select(option => option.Value).OfType<string>()],
                StringComparer.OrdinalIgnoreCase)
            .AsReadOnly();
    }

    public SshPublicKey Key { get; }

    public string Comment { get; }

    /// <summary>The options in the line's order, named as sshd(8) spells them; flags have a null value.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> OptionList => _options;

    /// <summary>Options by name (case-insensitive) to their values, in order; a flag maps to an empty list.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Options { get; }

    /// <summary><c>cert-authority</c>: the key is a CA for user certificates, not a login key.</summary>
    public bool IsCertificateAuthority => HasOption("cert-authority");

    /// <summary>
    /// <c>principals="..."</c> split at commas, as sshd's match_list splits it; empty when the
    /// option is absent. On a <c>cert-authority</c> line, a certificate must name one of these
    /// instead of the login.
    /// </summary>
    public IReadOnlyList<string> Principals =>
        GetValue("principals") is { } principals ? principals.Split(',') : [];

    /// <summary><c>command="..."</c>, the forced command, or null.</summary>
    public string? Command => GetValue("command");

    public bool HasOption(string name) => Options.ContainsKey(name);

    /// <summary>The values of an option, in order: several for <c>environment</c> or <c>permitopen</c>.</summary>
    public IReadOnlyList<string> GetValues(string name) => Options.TryGetValue(name, out IReadOnlyList<string>? values) ? values : [];

    /// <summary>The value of a single-valued option, or null.</summary>
    public string? GetValue(string name) => GetValues(name) is [var first, ..] ? first : null;

    /// <summary>
    /// Whether the options leave <paramref name="feature"/> on: <c>pty</c>, <c>port-forwarding</c>,
    /// <c>agent-forwarding</c>, <c>X11-forwarding</c> or <c>user-rc</c>. As in auth-options.c,
    /// options apply in order: <c>restrict</c> turns all off, <c>no-pty</c> turns one off, and
    /// <c>pty</c> turns it back on.
    /// </summary>
    public bool Permits(string feature)
    {
        string canonical = Array.Find(Restrictable, name => name.Equals(feature, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"{feature} is not one of {string.Join(", ", Restrictable)}", nameof(feature));
        bool permitted = true;
        foreach (KeyValuePair<string, string?> option in _options)
        {
            if (option.Key == "restrict")
            {
                permitted = false;
            }
            else if (option.Key.Equals(canonical, StringComparison.OrdinalIgnoreCase))
            {
                permitted = true;
            }
            else if (option.Key.Equals("no-" + canonical, StringComparison.OrdinalIgnoreCase))
            {
                permitted = false;
            }
        }

        return permitted;
    }

    /// <summary>
    /// Parses one line. Returns null for a blank line or a <c>#</c> comment; throws
    /// <see cref="FormatException"/> for a line sshd would refuse.
    /// </summary>
    public static AuthorizedKey? ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length > MaxLineLength)
        {
            throw new FormatException($"a line of {line.Length} characters exceeds the limit of {MaxLineLength}");
        }

        ReadOnlySpan<char> rest = PublicKeyText.TrimBlanks(line);
        if (rest.IsEmpty || rest[0] == '#')
        {
            return null;
        }

        if (rest.IndexOfAny('\r', '\n') >= 0)
        {
            throw new FormatException("the text holds more than one line");
        }

        // sshd tries the line as a bare key first and only then as options followed by a key.
        ReadOnlySpan<char> afterFirstWord = rest;
        ReadOnlySpan<char> firstWord = PublicKeyText.NextWord(ref afterFirstWord);
        List<KeyValuePair<string, string?>> options = PublicKeyText.LooksLikeKeyType(firstWord)
            ? []
            : AuthorizedKeyOptions.Parse(ref rest);
        SshPublicKey key = PublicKeyText.Parse(rest, out string comment);
        return new AuthorizedKey(key, options, comment);
    }

    /// <summary>
    /// A <c>cert-authority</c> line trusting <paramref name="authority"/> to sign user certificates,
    /// optionally only for <paramref name="principals"/>: what <c>tctl auth export --type=user</c> prints.
    /// </summary>
    public static AuthorizedKey ForCertificateAuthority(SshPublicKey authority, IEnumerable<string>? principals = null, string? comment = null)
    {
        var options = new List<KeyValuePair<string, string?>> { new("cert-authority", null) };
        string[] names = principals?.ToArray() ?? [];
        if (names.Length > 0)
        {
            options.Add(new("principals", string.Join(',', names)));
        }

        return new AuthorizedKey(authority, options, comment);
    }

    /// <summary>The line, without a line break: options, key type, base64 key and comment.</summary>
    public override string ToString() =>
        _options.Length == 0
            ? Key.ToOpenSshString(Comment)
            : AuthorizedKeyOptions.Format(_options) + " " + Key.ToOpenSshString(Comment);
}
