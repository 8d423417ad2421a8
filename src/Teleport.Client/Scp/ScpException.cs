namespace Teleport.Client.Scp;

/// <summary>The remote scp reported an error, or spoke something that is not the scp protocol.</summary>
public sealed class ScpException : Exception
{
    public ScpException()
    {
    }

    public ScpException(string message)
        : base(message)
    {
    }

    public ScpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
