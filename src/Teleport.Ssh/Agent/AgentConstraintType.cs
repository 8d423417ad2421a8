namespace Teleport.Ssh.Agent;

/// <summary>Key constraints of SSH_AGENTC_ADD_ID_CONSTRAINED (draft-miller-ssh-agent, "Key Constraints" and "Constraint identifiers").</summary>
internal enum AgentConstraintType : byte
{
    /// <summary>SSH_AGENT_CONSTRAIN_LIFETIME: uint32 seconds after which the agent forgets the key.</summary>
    Lifetime = 1,

    /// <summary>SSH_AGENT_CONSTRAIN_CONFIRM: every use of the key must be confirmed by the user.</summary>
    Confirm = 2,

    /// <summary>SSH_AGENT_CONSTRAIN_MAXSIGN (OpenSSH, XMSS keys only): not supported.</summary>
    MaxSign = 3,

    /// <summary>SSH_AGENT_CONSTRAIN_EXTENSION: string name, then extension-specific data; none is supported.</summary>
    Extension = 255,
}
