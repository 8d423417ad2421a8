namespace Teleport.Proxy.Routing;

/// <summary>A user's target cannot be reached: unknown, hidden by RBAC, ambiguous, or not answering. The message is for the user.</summary>
public sealed class RoutingException : Exception
{
    public RoutingException() { }

    public RoutingException(string message) : base(message) { }

    public RoutingException(string message, Exception innerException) : base(message, innerException) { }
}
