namespace Teleport.Api.Types;

/// <summary>A JWT signing key, public part in PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
public sealed record JwtKeyPair
{
    public string PublicKey { get; init; } = string.Empty;

    public int PrivateKeyType { get; init; }
}
