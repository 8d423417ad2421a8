using System.Security.Cryptography;
using System.Text;

namespace Teleport.Ssh.Keys;

/// <summary>
/// Key files as OpenSSH keeps them: private keys in any format ssh-keygen writes (recognised by
/// their armor), <c>.pub</c> public keys and <c>-cert.pub</c> certificates (one line,
/// <c>type base64 [comment]</c>).
/// </summary>
public static class SshKeyFile
{
    /// <summary>Key files larger than this are refused unread (a 16384-bit RSA key file is about 13 KiB).</summary>
    public const int MaxFileSize = 256 * 1024;

    /// <summary>
    /// Reads a private key file of any format ssh-keygen writes: <c>openssh-key-v1</c>, PKCS#8
    /// (plain or encrypted), PKCS#1 RSA or SEC1 EC (plain or with legacy PEM encryption).
    /// Throws <see cref="SshKeyFileException"/> for anything wrong with the contents.
    /// </summary>
    public static SshPrivateKey LoadPrivateKey(string path, string? passphrase = null) =>
        ParsePrivateKey(ReadText(path), passphrase);

    /// <summary>As <see cref="LoadPrivateKey"/>, for the text of the file.</summary>
    public static SshPrivateKey ParsePrivateKey(string text, string? passphrase = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxFileSize)
        {
            throw SshKeyFileException.Malformed($"a private key file of {text.Length} characters exceeds the limit of {MaxFileSize}");
        }

        if (!PemArmor.Contains(text))
        {
            ReadOnlySpan<char> start = text.AsSpan().TrimStart();
            throw start.StartsWith("PuTTY-User-Key-File", StringComparison.Ordinal)
                ? SshKeyFileException.Unsupported("PuTTY keys are not supported: export the key in OpenSSH format from PuTTYgen")
                : PublicKeyText.LooksLikeKeyType(PublicKeyText.NextWord(ref start))
                    ? SshKeyFileException.Malformed("this is a public key; the private key is the file without .pub")
                    : SshKeyFileException.Malformed("not a private key file: no -----BEGIN line");
        }

        using PemBlock block = PemArmor.Decode(text);
        return block.Label == OpenSshPrivateKeyFile.PemLabel
            ? OpenSshPrivateKeyFile.Read(block.Data, passphrase, OpenSshPrivateKeyFile.MaxRounds)
            : PemPrivateKeyReader.Read(block, passphrase);
    }

    /// <summary>
    /// Writes <paramref name="key"/> in OpenSSH's format (encrypted with aes256-ctr and bcrypt
    /// when a passphrase is given). The file is created with mode 0600 from the start, next to
    /// <paramref name="path"/>, and renamed over it: an existing file is replaced whole, never
    /// left half-written or with its old, possibly wider, permissions.
    /// </summary>
    public static void WritePrivateKey(string path, SshPrivateKey key, string? passphrase = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(key);
        byte[] contents = OpenSshPrivateKeyFile.WriteArmored(key, passphrase, OpenSshPrivateKeyFile.DefaultRounds);
        string fullPath = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contents);
        }
    }

    /// <summary>
    /// Parses a public key line, <c>type base64 [comment]</c>, as in a <c>.pub</c> file; lines that
    /// are blank or start with <c>#</c> are skipped. Throws <see cref="FormatException"/>.
    /// </summary>
    public static SshPublicKey ParsePublicKey(string text) => ParsePublicKey(text, out _);

    /// <summary>As <see cref="ParsePublicKey(string)"/>, also returning the comment (empty when there is none).</summary>
    public static SshPublicKey ParsePublicKey(string text, out string comment)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (ReadOnlySpan<char> line in text.AsSpan().EnumerateLines())
        {
            ReadOnlySpan<char> trimmed = PublicKeyText.TrimBlanks(line);
            if (!trimmed.IsEmpty && trimmed[0] != '#')
            {
                return PublicKeyText.Parse(trimmed, out comment);
            }
        }

        throw new FormatException("no public key: the text is empty");
    }

    /// <summary>Reads a <c>.pub</c> file. Throws <see cref="FormatException"/> for bad contents.</summary>
    public static SshPublicKey LoadPublicKey(string path) => ParsePublicKey(ReadText(path));

    /// <summary>Parses a certificate line, as in a <c>-cert.pub</c> file. Throws <see cref="FormatException"/>.</summary>
    public static SshCertificate ParseCertificate(string text) =>
        ParsePublicKey(text) as SshCertificate
        ?? throw new FormatException("this is a plain public key, not a certificate");

    /// <summary>Reads a <c>-cert.pub</c> file. Throws <see cref="FormatException"/> for bad contents.</summary>
    public static SshCertificate LoadCertificate(string path) => ParseCertificate(ReadText(path));

    private static string ReadText(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > MaxFileSize)
        {
            throw new IOException($"{path}: {stream.Length} bytes is too large for a key file");
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
