namespace Teleport.Client.Login;

/// <summary>Asks the person for secrets: on the terminal without echo, or as lines from a pipe.</summary>
public interface ICredentialPrompt
{
    string ReadPassword(string prompt);

    string ReadOtp(string prompt);
}
