namespace Teleport.Api.Client.Messages;

/// <summary>
/// POST /v1/certs/host/renew: a joined host asks for fresh certificates for the same keys. It shows
/// its current SSH host certificate (the principals to keep) and its TLS public key (base64 SubjectPublicKeyInfo).
/// </summary>
public sealed record RenewHostMessage(string SshCertificate, string TlsPublicKey);
