namespace Teleport.Ssh.Keys;

/// <summary>What known_hosts says about the key a server presented.</summary>
public enum HostKeyStatus
{
    /// <summary>The host is not known by a key of this type: ask the user or refuse, never connect silently.</summary>
    Unknown,

    /// <summary>The key is listed for the host, or is a valid host certificate from a CA listed for it.</summary>
    Trusted,

    /// <summary>The key, or the CA that signed it, is marked <c>@revoked</c>: refuse.</summary>
    Revoked,

    /// <summary>
    /// The host is known with a different key of the same type: refuse, as OpenSSH does with
    /// "REMOTE HOST IDENTIFICATION HAS CHANGED".
    /// </summary>
    Changed,
}
