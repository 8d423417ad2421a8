namespace Teleport.Api.Types;

/// <summary>A TLS CA certificate in PEM (<c>-----BEGIN CERTIFICATE-----</c>), base64-encoded in YAML and JSON as Teleport writes it.</summary>
public sealed record TlsKeyPair
{
    public string Cert { get; init; } = string.Empty;

    public int KeyType { get; init; }
}
