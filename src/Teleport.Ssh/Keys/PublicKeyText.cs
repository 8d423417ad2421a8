namespace Teleport.Ssh.Keys;

/// <summary>
/// The one-line text form of a public key shared by <c>.pub</c> files, authorized_keys and
/// known_hosts (sshd(8)): key type, whitespace, the base64 blob, and an optional comment. The
/// type word must name the blob's own type, as OpenSSH's <c>sshkey_read</c> requires.
/// </summary>
internal static class PublicKeyText
{
    /// <summary>Base64 of <see cref="SshPublicKey.MaxBlobSize"/> bytes; longer words are refused before decoding.</summary>
    private const int MaxBase64Length = ((SshPublicKey.MaxBlobSize + 2) / 3) * 4;

    private static readonly HashSet<string> PlainKeyTypes = new(StringComparer.Ordinal)
    {
        AlgorithmNames.Ed25519, AlgorithmNames.Rsa,
        AlgorithmNames.EcdsaNistp256, AlgorithmNames.EcdsaNistp384, AlgorithmNames.EcdsaNistp521,
    };

    private static readonly HashSet<string> CertificateKeyTypes = new(StringComparer.Ordinal)
    {
        AlgorithmNames.Ed25519Cert, AlgorithmNames.RsaCert,
        AlgorithmNames.EcdsaNistp256Cert, AlgorithmNames.EcdsaNistp384Cert, AlgorithmNames.EcdsaNistp521Cert,
    };

    public static bool IsSupportedPlainKeyType(string keyType) => PlainKeyTypes.Contains(keyType);

    /// <summary>Whether the word is a key type this library reads, plain or certificate.</summary>
    public static bool IsSupportedKeyType(ReadOnlySpan<char> word) =>
        PlainKeyTypes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word)
        || CertificateKeyTypes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    /// <summary>
    /// Whether the word looks like some SSH key type, supported or not (<c>ssh-dss</c>,
    /// <c>sk-ssh-ed25519@openssh.com</c>), for error messages that name the real problem.
    /// </summary>
    public static bool LooksLikeKeyType(ReadOnlySpan<char> word) =>
        word.StartsWith("ssh-", StringComparison.Ordinal) || word.StartsWith("ecdsa-", StringComparison.Ordinal)
        || word.StartsWith("sk-", StringComparison.Ordinal);

    /// <summary>
    /// Parses <c>type base64 [comment]</c>. Throws <see cref="FormatException"/> naming what is
    /// wrong; a malformed blob's <see cref="SshProtocolException"/> is its inner exception.
    /// </summary>
    public static SshPublicKey Parse(ReadOnlySpan<char> text, out string comment)
    {
        ReadOnlySpan<char> rest = TrimBlanks(text);
        ReadOnlySpan<char> typeWord = NextWord(ref rest);
        ReadOnlySpan<char> base64 = NextWord(ref rest);
        if (typeWord.IsEmpty)
        {
            throw new FormatException("no key: expected \"type base64 [comment]\"");
        }

        if (!IsSupportedKeyType(typeWord))
        {
            throw new FormatException(LooksLikeKeyType(typeWord)
                ? $"{typeWord} keys are not supported"
                : $"\"{Shorten(typeWord)}\" is not a key type");
        }

        if (base64.IsEmpty)
        {
            throw new FormatException($"the {typeWord} key has no base64 data");
        }

        if (base64.Length > MaxBase64Length)
        {
            throw new FormatException($"the key's base64 of {base64.Length} characters exceeds the limit of {MaxBase64Length}");
        }

        byte[] blob = new byte[(base64.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64Chars(base64, blob, out int length))
        {
            throw new FormatException($"the {typeWord} key is not valid base64");
        }

        SshPublicKey key;
        try
        {
            key = SshPublicKey.Parse(blob.AsSpan(0, length));
        }
        catch (SshProtocolException e)
        {
            throw new FormatException($"the {typeWord} key is malformed: {e.Message}", e);
        }

        if (!typeWord.SequenceEqual(key.KeyType))
        {
            throw new FormatException($"the key is labelled {typeWord} but its data is a {key.KeyType} key");
        }

        comment = TrimBlanks(rest).ToString();
        return key;
    }

    /// <summary>The next word separated by spaces or tabs (sshd(8): fields are whitespace-separated).</summary>
    public static ReadOnlySpan<char> NextWord(ref ReadOnlySpan<char> text)
    {
        text = TrimBlanks(text);
        int end = text.IndexOfAny(' ', '\t');
        ReadOnlySpan<char> word = end < 0 ? text : text[..end];
        text = end < 0 ? [] : text[end..];
        return word;
    }

    public static ReadOnlySpan<char> TrimBlanks(ReadOnlySpan<char> text) => text.Trim(" \t\r\n");

    /// <summary>A piece of user input short enough to quote in an error message.</summary>
    public static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "...");
}
