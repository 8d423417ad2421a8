namespace Teleport.Ssh.Auth;

/// <summary>Lets a server callback ask the client questions during keyboard-interactive authentication.</summary>
public interface IKeyboardInteractiveExchange
{
    /// <summary>Sends one SSH_MSG_USERAUTH_INFO_REQUEST and returns the client's answers, one per prompt.</summary>
    ValueTask<IReadOnlyList<string>> AskAsync(string name, string instruction, IReadOnlyList<KeyboardInteractivePrompt> prompts, CancellationToken cancellationToken);
}
