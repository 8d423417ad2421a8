namespace Teleport.Ssh.Keys;

/// <summary>The marker that may start a known_hosts line (sshd(8) SSH_KNOWN_HOSTS FILE FORMAT).</summary>
public enum KnownHostsMarker
{
    /// <summary>A host key.</summary>
    None,

    /// <summary><c>@cert-authority</c>: a CA trusted to sign host certificates for the matching hosts.</summary>
    CertificateAuthority,

    /// <summary><c>@revoked</c>: a key, or a CA, that must never be accepted.</summary>
    Revoked,
}
