namespace Teleport.Ssh.Agent;

/// <summary>
/// Agent message numbers (draft-miller-ssh-agent, "Message numbers"; OpenSSH PROTOCOL.agent). Requests are
/// SSH_AGENTC_*, replies SSH_AGENT_*. Numbers this library does not implement (smartcards, lock)
/// are listed so the server can name them; it answers them with SSH_AGENT_FAILURE.
/// </summary>
internal enum AgentMessageNumber : byte
{
    // Replies.
    Failure = 5,
    Success = 6,
    IdentitiesAnswer = 12,
    SignResponse = 14,
    ExtensionFailure = 28,

    // Requests.
    RequestIdentities = 11,
    SignRequest = 13,
    AddIdentity = 17,
    RemoveIdentity = 18,
    RemoveAllIdentities = 19,
    AddSmartcardKey = 20,
    RemoveSmartcardKey = 21,
    Lock = 22,
    Unlock = 23,
    AddIdConstrained = 25,
    AddSmartcardKeyConstrained = 26,
    Extension = 27,
}
