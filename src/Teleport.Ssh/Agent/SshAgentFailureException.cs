namespace Teleport.Ssh.Agent;

/// <summary>
/// The agent answered SSH_AGENT_FAILURE (draft-miller-ssh-agent, "Generic server responses"): it does not hold the key, does
/// not support the request or a constraint, or refused it. The protocol carries no reason, so the
/// message names the operation that failed. The connection to the agent stays usable.
/// </summary>
public sealed class SshAgentFailureException : SshException
{
    public SshAgentFailureException(string operation)
        : base($"the SSH agent refused to {operation}") => Operation = operation;

    public SshAgentFailureException() : this("perform the request") { }

    /// <summary>What was asked of the agent, such as "sign with SHA256:...".</summary>
    public string Operation { get; }
}
