using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Agent;

/// <summary>One key in an <see cref="AgentKeyring"/>, with the identity it is listed as and its constraints. Owns the key.</summary>
internal sealed class AgentKeyringEntry : IDisposable
{
    public AgentKeyringEntry(SshPrivateKey key, SshPublicKey identity, string comment, DateTimeOffset? expiresAt, bool confirm)
    {
        Key = key;
        Identity = identity;
        Comment = comment;
        ExpiresAt = expiresAt;
        Confirm = confirm;
    }

    public SshPrivateKey Key { get; }

    /// <summary>What the agent lists and clients name in requests: the certificate, or the plain public key.</summary>
    public SshPublicKey Identity { get; }

    public string Comment { get; }

    /// <summary>When SSH_AGENT_CONSTRAIN_LIFETIME runs out; null for a key kept until removed.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>SSH_AGENT_CONSTRAIN_CONFIRM: each signature must be confirmed first.</summary>
    public bool Confirm { get; }

    public SshAgentIdentity ToIdentity() => new(Identity, Comment);

    public void Dispose() => Key.Dispose();
}
