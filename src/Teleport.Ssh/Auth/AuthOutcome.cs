namespace Teleport.Ssh.Auth;

public enum AuthOutcome
{
    Failure,
    PartialSuccess,
    Success,
}
