namespace Teleport.Proxy.ReverseTunnel;

/// <summary>A node reached only through a reverse tunnel has none connected to this proxy right now.</summary>
public sealed class NodeOfflineException : IOException
{
    public NodeOfflineException(string message)
        : base(message)
    {
    }

    public NodeOfflineException()
    {
    }

    public NodeOfflineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
