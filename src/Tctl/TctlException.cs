namespace Tctl;

/// <summary>A failure tctl reports as "ERROR: message" with exit code 1.</summary>
internal sealed class TctlException : Exception
{
    public TctlException(string message) : base(message) { }

    public TctlException() { }

    public TctlException(string message, Exception innerException) : base(message, innerException) { }
}
