namespace Teleport.Ssh;

/// <summary>An options object failed <c>Validate()</c>; the message starts with the offending field.</summary>
public sealed class SshOptionsException : SshException
{
    public SshOptionsException(string field, string problem) : base($"{field}: {problem}") => Field = field;

    public SshOptionsException() { }

    public SshOptionsException(string message) : base(message) { }

    public SshOptionsException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The name of the option that is wrong.</summary>
    public string Field { get; } = string.Empty;
}
