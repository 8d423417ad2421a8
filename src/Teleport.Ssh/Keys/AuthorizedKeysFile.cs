namespace Teleport.Ssh.Keys;

/// <summary>
/// An authorized_keys file (sshd(8) AUTHORIZED_KEYS FILE FORMAT): one key per line, blank lines
/// and <c>#</c> comments ignored. Like sshd, a line it cannot use is skipped, which can only
/// deny access, never grant it; <see cref="Errors"/> says which lines and why, for the log.
/// </summary>
public sealed class AuthorizedKeysFile
{
    private AuthorizedKeysFile(IReadOnlyList<AuthorizedKey> keys, IReadOnlyList<string> errors)
    {
        Keys = keys;
        Errors = errors;
    }

    public IReadOnlyList<AuthorizedKey> Keys { get; }

    /// <summary>One message per skipped line: <c>line N: reason</c>.</summary>
    public IReadOnlyList<string> Errors { get; }

    public static AuthorizedKeysFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keys = new List<AuthorizedKey>();
        var errors = new List<string>();
        int number = 0;
        foreach (ReadOnlySpan<char> line in text.AsSpan().EnumerateLines())
        {
            number++;
            try
            {
                if (AuthorizedKey.ParseLine(line.ToString()) is { } key)
                {
                    keys.Add(key);
                }
            }
            catch (FormatException e)
            {
                errors.Add($"line {number}: {e.Message}");
            }
        }

        return new AuthorizedKeysFile(keys, errors);
    }

    /// <summary>Reads a file; a file that does not exist authorizes nothing.</summary>
    public static AuthorizedKeysFile Load(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path)) : new AuthorizedKeysFile([], []);

    /// <summary>
    /// The lines that authorize <paramref name="key"/> as sshd matches them: a plain key against
    /// lines without <c>cert-authority</c>; a certificate against <c>cert-authority</c> lines
    /// holding its signing CA. Checking the certificate itself is the caller's next step: for
    /// such a line, sshd wants one of the certificate's principals in the line's
    /// <see cref="AuthorizedKey.Principals"/> when it has them, else the login.
    /// </summary>
    public IEnumerable<AuthorizedKey> Match(SshPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key is SshCertificate certificate
            ? Keys.Where(line => line.IsCertificateAuthority && line.Key.Equals(certificate.SignatureKey))
            : Keys.Where(line => !line.IsCertificateAuthority && line.Key.Equals(key));
    }
}
