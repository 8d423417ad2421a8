namespace Teleport.Auth.Storage;

/// <summary>
/// A certificate authority as the backend keeps it, private key included: the SSH CAs as an
/// OpenSSH private key file, the TLS CA as a PEM certificate and a PKCS#8 key. Only the Auth
/// service reads this; everything else sees the public parts.
/// </summary>
public sealed record StoredCertificateAuthority(string Type, string ClusterName, string? SshPrivateKey, string? TlsCertificatePem, byte[]? TlsPrivateKey);
