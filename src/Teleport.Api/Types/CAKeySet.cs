namespace Teleport.Api.Types;

/// <summary>A CA's key set: SSH public keys, TLS certificates and JWT public keys.</summary>
public sealed record CAKeySet
{
    public ValueList<SshKeyPair> Ssh { get; init; } = ValueList<SshKeyPair>.Empty;

    public ValueList<TlsKeyPair> Tls { get; init; } = ValueList<TlsKeyPair>.Empty;

    public ValueList<JwtKeyPair> Jwt { get; init; } = ValueList<JwtKeyPair>.Empty;

    public bool IsEmpty => Ssh.IsEmpty && Tls.IsEmpty && Jwt.IsEmpty;
}
