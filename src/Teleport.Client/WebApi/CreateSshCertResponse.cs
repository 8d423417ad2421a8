namespace Teleport.Client.WebApi;

/// <summary>The signed certificates and the cluster's CAs, from POST /webapi/ssh/certs.</summary>
public sealed record CreateSshCertResponse(
    string? Username,
    string? Cert,
    string? TlsCert,
    IReadOnlyList<string>? HostSigners,
    IReadOnlyList<string>? TlsCaCertificates,
    string? ClusterName);
