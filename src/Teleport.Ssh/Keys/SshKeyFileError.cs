namespace Teleport.Ssh.Keys;

/// <summary>Why a key file could not be read.</summary>
public enum SshKeyFileError
{
    /// <summary>The file is damaged or is not a key file.</summary>
    Malformed,

    /// <summary>A well-formed file of a kind, key type, cipher or KDF this library does not read.</summary>
    Unsupported,

    /// <summary>The key is encrypted and no passphrase was given: ask the user for one.</summary>
    PassphraseRequired,

    /// <summary>The passphrase does not decrypt the key.</summary>
    IncorrectPassphrase,
}
