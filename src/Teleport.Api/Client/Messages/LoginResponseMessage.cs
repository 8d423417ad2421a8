namespace Teleport.Api.Client.Messages;

/// <summary>The certificates of a successful login, and the CA lines a client adds to known_hosts and its TLS trust.</summary>
public sealed record LoginResponseMessage(string Username, string SshCertificate, string? TlsCertificate, IReadOnlyList<string> HostCaKeys, IReadOnlyList<string> TlsCaCertificates);
