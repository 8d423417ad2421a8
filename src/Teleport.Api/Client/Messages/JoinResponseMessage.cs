namespace Teleport.Api.Client.Messages;

/// <summary>The joined host's identity: its id, SSH host certificate, TLS certificate, and the CAs it must trust.</summary>
public sealed record JoinResponseMessage(string HostId, string SshCertificate, string TlsCertificate, IReadOnlyList<string> TlsCaCertificates, IReadOnlyList<string> SshHostCaKeys, IReadOnlyList<string> SshUserCaKeys);
