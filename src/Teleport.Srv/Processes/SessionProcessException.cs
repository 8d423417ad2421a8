namespace Teleport.Srv.Processes;

/// <summary>A session process could not be started; the message is meant for the user on the other end.</summary>
public sealed class SessionProcessException : Exception
{
    public SessionProcessException(string message)
        : base(message)
    {
    }

    public SessionProcessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
