namespace Teleport.Api.Identity;

/// <summary>A service could not join the cluster (no token, a wrong pin, a refused token); the message says why.</summary>
public sealed class HostJoinException : Exception
{
    public HostJoinException(string message)
        : base(message)
    {
    }

    public HostJoinException()
    {
    }

    public HostJoinException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
