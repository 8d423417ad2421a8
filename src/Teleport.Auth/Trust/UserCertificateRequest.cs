using Teleport.Ssh.Keys;

namespace Teleport.Auth.Trust;

/// <summary>What goes into a user's SSH certificate, already decided by the roles.</summary>
public sealed record UserCertificateRequest(
    SshPublicKey PublicKey,
    string UserName,
    IReadOnlyList<string> Logins,
    IReadOnlyList<string> Roles,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Traits,
    TimeSpan Ttl,
    bool PermitPortForwarding,
    bool PermitAgentForwarding)
{
    /// <summary>Optional source-address critical option: the certificate then only works from these addresses.</summary>
    public string? SourceAddress { get; init; }
}
