namespace Teleport.Api.Client.Messages;

/// <summary>Certificates signed on request: the SSH certificate line and, when a TLS key was given, the TLS certificate PEM.</summary>
public sealed record CertificatesMessage(string SshCertificate, string? TlsCertificate, IReadOnlyList<string> HostCaKeys, IReadOnlyList<string> TlsCaCertificates);
