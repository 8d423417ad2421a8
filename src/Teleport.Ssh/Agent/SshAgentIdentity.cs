using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Agent;

/// <summary>
/// One key an agent holds, as SSH_AGENT_IDENTITIES_ANSWER lists it (draft-miller-ssh-agent, "Requesting a list of keys"):
/// a plain public key or a certificate, with the comment it was added with.
/// </summary>
public sealed class SshAgentIdentity
{
    public SshAgentIdentity(SshPublicKey publicKey, string comment)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(comment);
        PublicKey = publicKey;
        Comment = comment;
    }

    /// <summary>The public key or certificate; an <see cref="SshCertificate"/> for certificate identities.</summary>
    public SshPublicKey PublicKey { get; }

    /// <summary>The comment the key was added with, often the key file's path.</summary>
    public string Comment { get; }

    public override string ToString() => PublicKey.ToOpenSshString(Comment);
}
