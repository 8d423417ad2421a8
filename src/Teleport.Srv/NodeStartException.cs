namespace Teleport.Srv;

/// <summary>The node cannot start, for a reason the operator can fix (no token, a wrong pin, an unreachable Auth server).</summary>
public sealed class NodeStartException : Exception
{
    public NodeStartException(string message)
        : base(message)
    {
    }

    public NodeStartException()
    {
    }

    public NodeStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
