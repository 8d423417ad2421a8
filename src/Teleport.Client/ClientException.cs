namespace Teleport.Client;

/// <summary>An error the user can act on; tsh prints it as <c>ERROR: message</c> and exits with 1.</summary>
public sealed class ClientException : Exception
{
    public ClientException()
    {
    }

    public ClientException(string message)
        : base(message)
    {
    }

    public ClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
