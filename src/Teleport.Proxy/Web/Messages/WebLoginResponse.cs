namespace Teleport.Proxy.Web.Messages;

/// <summary>A login's certificates, and the CAs a client trusts for hosts (<c>host_signers</c>) and for TLS.</summary>
public sealed record WebLoginResponse(string Username, string Cert, string? TlsCert, IReadOnlyList<string> HostSigners, IReadOnlyList<string> TlsCaCertificates, string ClusterName);
