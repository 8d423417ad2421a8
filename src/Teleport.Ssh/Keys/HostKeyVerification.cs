namespace Teleport.Ssh.Keys;

/// <summary>
/// The answer of <see cref="KnownHosts.Verify"/>: the status, a message worded for the user, and
/// the line that decided it (the matching key or CA, the revocation, or the conflicting key).
/// </summary>
public sealed record HostKeyVerification(HostKeyStatus Status, string Message, KnownHostsEntry? Entry)
{
    public bool IsTrusted => Status == HostKeyStatus.Trusted;
}
