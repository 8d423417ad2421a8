namespace Teleport.Ssh.Keys;

/// <summary>
/// A private key file could not be read. <see cref="Error"/> tells a caller what to do next:
/// prompt for a passphrase, prompt again, or report the file.
/// </summary>
public sealed class SshKeyFileException : SshException
{
    public SshKeyFileException(SshKeyFileError error, string message) : base(message) => Error = error;

    public SshKeyFileException(SshKeyFileError error, string message, Exception innerException)
        : base(message, innerException) => Error = error;

    public SshKeyFileError Error { get; }

    internal static SshKeyFileException Malformed(string message, Exception? inner = null) =>
        inner is null ? new(SshKeyFileError.Malformed, message) : new(SshKeyFileError.Malformed, $"{message}: {inner.Message}", inner);

    internal static SshKeyFileException Unsupported(string message, Exception? inner = null) =>
        inner is null ? new(SshKeyFileError.Unsupported, message) : new(SshKeyFileError.Unsupported, message, inner);

    internal static SshKeyFileException PassphraseRequired() =>
        new(SshKeyFileError.PassphraseRequired, "the private key is encrypted: a passphrase is required");

    internal static SshKeyFileException IncorrectPassphrase(Exception? inner = null) =>
        inner is null
            ? new(SshKeyFileError.IncorrectPassphrase, "incorrect passphrase")
            : new(SshKeyFileError.IncorrectPassphrase, "incorrect passphrase", inner);
}
