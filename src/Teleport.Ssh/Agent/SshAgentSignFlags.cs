namespace Teleport.Ssh.Agent;

/// <summary>
/// Flags of SSH_AGENTC_SIGN_REQUEST (draft-miller-ssh-agent, "Signature flags"). They only matter for RSA keys,
/// where they choose the RFC 8332 signature algorithm; other key types ignore them.
/// </summary>
[Flags]
public enum SshAgentSignFlags : uint
{
    /// <summary>No flag: for RSA keys that would ask for a SHA-1 <c>ssh-rsa</c> signature, which this library never makes.</summary>
    None = 0,

    /// <summary>SSH_AGENT_RSA_SHA2_256: sign with <c>rsa-sha2-256</c>.</summary>
    RsaSha2256 = 2,

    /// <summary>SSH_AGENT_RSA_SHA2_512: sign with <c>rsa-sha2-512</c>.</summary>
    RsaSha2512 = 4,
}
