namespace Teleport.Api.Config;

/// <summary>One of <c>proxy_service.https_keypairs</c>: a TLS certificate for the web port, both files PEM.</summary>
public sealed record KeyPairConfig
{
    /// <summary><c>key_file</c>: the private key.</summary>
    public required string KeyFile { get; init; }

    /// <summary><c>cert_file</c>: the certificate chain, leaf first.</summary>
    public required string CertFile { get; init; }
}
