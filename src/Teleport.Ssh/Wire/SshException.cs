namespace Teleport.Ssh;

/// <summary>Base of every error this library raises about an SSH connection.</summary>
public class SshException : Exception
{
    public SshException() { }

    public SshException(string message) : base(message) { }

    public SshException(string message, Exception innerException) : base(message, innerException) { }
}
