namespace Teleport.Api.Types;

/// <summary>
/// An SSH CA key, public part: <see cref="PublicKey"/> is an authorized_keys line
/// (<c>ssh-ed25519 AAAA...</c>), the text OpenSSH's <c>TrustedUserCAKeys</c> and
/// <c>@cert-authority</c> lines take. Teleport's YAML and JSON carry its bytes base64-encoded
/// (<c>public_key: c3NoLWVkMjU1MTkg...</c>); reading accepts either form.
/// <see cref="PrivateKeyType"/> says where the Auth service keeps the private half
/// (0 raw, 1 PKCS#11, 2 GCP KMS, 3 AWS KMS).
/// </summary>
public sealed record SshKeyPair
{
    public string PublicKey { get; init; } = string.Empty;

    public int PrivateKeyType { get; init; }
}
