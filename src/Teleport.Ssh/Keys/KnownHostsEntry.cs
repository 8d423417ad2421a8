using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Teleport.Ssh.Keys;

/// <summary>
/// One line of a known_hosts file (sshd(8) SSH_KNOWN_HOSTS FILE FORMAT): an optional marker
/// (<c>@cert-authority</c>, <c>@revoked</c>), the host names, the key and a comment. Host names
/// are comma-separated patterns (<c>*</c>, <c>?</c>, <c>!</c> negation, <c>[host]:port</c> for a
/// port other than 22) or one hashed name, <c>|1|base64(salt)|base64(HMAC-SHA1(salt, name))</c>.
/// </summary>
public sealed class KnownHostsEntry
{
    public const int DefaultPort = 22;

    private const string HashMagic = "|1|";
    private const int HashSize = 20;
    private const string CertificateAuthorityMarker = "@cert-authority";
    private const string RevokedMarker = "@revoked";

    private readonly string _hostField;
    private readonly string[] _patterns;
    private readonly byte[]? _salt;
    private readonly byte[]? _hash;

    private KnownHostsEntry(KnownHostsMarker marker, string hostField, SshPublicKey key, string comment)
    {
        Marker = marker;
        Key = key;
        Comment = comment;
        _hostField = hostField;
        if (hostField.StartsWith('|'))
        {
            (_salt, _hash) = ParseHashed(hostField);
            _patterns = [];
        }
        else
        {
            // An empty pattern matches only an empty name, as in match.c; the line still counts.
            _patterns = hostField.Split(',');
        }
    }

    public KnownHostsMarker Marker { get; }

    /// <summary>The host patterns as written; empty for a hashed line.</summary>
    public IReadOnlyList<string> HostPatterns => _patterns;

    /// <summary>Whether the host name is stored hashed, as <c>HashKnownHosts yes</c> and <c>ssh-keygen -H</c> write it.</summary>
    public bool IsHashed => _salt is not null;

    /// <summary>
    /// The host key, or for <c>@cert-authority</c> the CA key. OpenSSH also accepts a certificate
    /// here and compares only the key inside it; see <see cref="PublicPart"/>.
    /// </summary>
    public SshPublicKey Key { get; }

    /// <summary>The plain key: <see cref="Key"/>, or the key a certificate in its place certifies.</summary>
    public SshPublicKey PublicPart => Key is SshCertificate certificate ? certificate.Key : Key;

    public string Comment { get; }

    /// <summary>The 1-based line of the file it came from, or 0.</summary>
    public int LineNumber { get; internal init; }

    /// <summary>The file it came from, when known.</summary>
    public string? Source { get; internal init; }

    /// <summary>
    /// How OpenSSH names a host in known_hosts: the lower-cased name for port 22, otherwise
    /// <c>[name]:port</c> (put_host_port in misc.c).
    /// </summary>
    public static string FormatHost(string host, int port = DefaultPort)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        string name = host.ToLowerInvariant();
        return port is DefaultPort or 0 ? name : string.Create(CultureInfo.InvariantCulture, $"[{name}]:{port}");
    }

    /// <summary>Whether this line is about <paramref name="host"/> at <paramref name="port"/>.</summary>
    public bool MatchesHost(string host, int port = DefaultPort) => Matches(FormatHost(host, port));

    /// <summary>Matches a name already in <see cref="FormatHost"/> form.</summary>
    internal bool Matches(string formattedHost) =>
        _salt is not null
            ? CryptographicOperations.FixedTimeEquals(HashHost(_salt, formattedHost), _hash)
            : Keys.HostPatterns.MatchList(formattedHost, _patterns) == 1;

    /// <summary>
    /// Parses one line. Returns null for a blank line or a <c>#</c> comment; throws
    /// <see cref="FormatException"/> for a line OpenSSH would skip as invalid.
    /// </summary>
    public static KnownHostsEntry? ParseLine(string line) => ParseLine(line, 0, null);

    internal static KnownHostsEntry? ParseLine(string line, int lineNumber, string? source)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length > AuthorizedKey.MaxLineLength)
        {
            throw new FormatException($"a line of {line.Length} characters exceeds the limit of {AuthorizedKey.MaxLineLength}");
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

        // hostfile.c check_markers: at most one marker, ended by whitespace.
        KnownHostsMarker marker = KnownHostsMarker.None;
        if (rest[0] == '@')
        {
            ReadOnlySpan<char> word = PublicKeyText.NextWord(ref rest);
            marker = word switch
            {
                CertificateAuthorityMarker => KnownHostsMarker.CertificateAuthority,
                RevokedMarker => KnownHostsMarker.Revoked,
                _ => throw new FormatException($"unknown marker \"{PublicKeyText.Shorten(word)}\""),
            };
        }

        string hosts = PublicKeyText.NextWord(ref rest).ToString();
        if (hosts.Length == 0 || hosts.StartsWith('@'))
        {
            throw new FormatException("a known_hosts line needs host names before the key");
        }

        SshPublicKey key = PublicKeyText.Parse(rest, out string comment);
        return new KnownHostsEntry(marker, hosts, key, comment) { LineNumber = lineNumber, Source = source };
    }

    /// <summary>
    /// A line for <paramref name="host"/> at <paramref name="port"/>, as ssh writes after the user
    /// accepts a key: the name in <see cref="FormatHost"/> form, hashed when <paramref name="hash"/>.
    /// </summary>
    public static KnownHostsEntry ForHost(string host, int port, SshPublicKey key, bool hash = false, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        string name = FormatHost(host, port);
        RequirePattern(name, nameof(host));
        string field = hash ? Hash(name) : name;
        return Create(KnownHostsMarker.None, field, key, comment);
    }

    /// <summary>
    /// An <c>@cert-authority</c> line trusting <paramref name="authority"/> to sign host certificates
    /// for hosts matching <paramref name="hostPatterns"/> (such as <c>*.example.com</c>): what
    /// <c>tctl auth export --type=host</c> prints.
    /// </summary>
    public static KnownHostsEntry ForCertificateAuthority(IEnumerable<string> hostPatterns, SshPublicKey authority, string? comment = null) =>
        Create(KnownHostsMarker.CertificateAuthority, JoinPatterns(hostPatterns), authority, comment);

    /// <summary>A <c>@revoked</c> line: <paramref name="key"/> (a host key or a CA) is refused for the matching hosts.</summary>
    public static KnownHostsEntry ForRevoked(IEnumerable<string> hostPatterns, SshPublicKey key, string? comment = null) =>
        Create(KnownHostsMarker.Revoked, JoinPatterns(hostPatterns), key, comment);

    /// <summary>The line, without a line break.</summary>
    public override string ToString()
    {
        string line = _hostField + " " + Key.ToOpenSshString(Comment);
        return Marker switch
        {
            KnownHostsMarker.CertificateAuthority => CertificateAuthorityMarker + " " + line,
            KnownHostsMarker.Revoked => RevokedMarker + " " + line,
            _ => line,
        };
    }

    /// <summary>hostfile.c host_hash: a fresh 20-byte salt and HMAC-SHA1(salt, name). HMAC-SHA1 is only a lookup hash here.</summary>
    internal static string Hash(string formattedHost)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(HashSize);
        return HashMagic + Convert.ToBase64String(salt) + "|" + Convert.ToBase64String(HashHost(salt, formattedHost));
    }

    private static byte[] HashHost(byte[] salt, string formattedHost) => HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(formattedHost));

    private static (byte[] Salt, byte[] Hash) ParseHashed(string field)
    {
        if (!field.StartsWith(HashMagic, StringComparison.Ordinal))
        {
            throw new FormatException("a hashed host name must start with |1|");
        }

        string[] parts = field[HashMagic.Length..].Split('|');
        byte[] salt = new byte[HashSize];
        byte[] hash = new byte[HashSize];
        if (parts.Length != 2
            || !Convert.TryFromBase64String(parts[0], salt, out int saltLength) || saltLength != HashSize
            || !Convert.TryFromBase64String(parts[1], hash, out int hashLength) || hashLength != HashSize)
        {
            throw new FormatException("a hashed host name must be |1|base64(20-byte salt)|base64(20-byte hash)");
        }

        return (salt, hash);
    }

    private static KnownHostsEntry Create(KnownHostsMarker marker, string hostField, SshPublicKey key, string? comment)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key is SshCertificate)
        {
            throw new ArgumentException("known_hosts lines are written with plain keys, not certificates", nameof(key));
        }

        if (comment is not null && comment.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("a comment cannot hold a line break", nameof(comment));
        }

        return new KnownHostsEntry(marker, hostField, key, comment ?? string.Empty);
    }

    private static string JoinPatterns(IEnumerable<string> hostPatterns)
    {
        ArgumentNullException.ThrowIfNull(hostPatterns);
        string[] patterns = [.. hostPatterns];
        if (patterns.Length == 0)
        {
            throw new ArgumentException("at least one host pattern is needed", nameof(hostPatterns));
        }

        foreach (string pattern in patterns)
        {
            RequirePattern(pattern, nameof(hostPatterns));
            if (pattern.Contains(',', StringComparison.Ordinal) || pattern.StartsWith('|') || pattern.StartsWith('@'))
            {
                throw new ArgumentException($"\"{pattern}\" is not a single host pattern", nameof(hostPatterns));
            }
        }

        return string.Join(',', patterns);
    }

    private static void RequirePattern(string pattern, string parameter)
    {
        if (string.IsNullOrEmpty(pattern) || pattern.AsSpan().IndexOfAny(" \t\r\n#") >= 0)
        {
            throw new ArgumentException($"\"{pattern}\" cannot be written in known_hosts", parameter);
        }
    }
}
