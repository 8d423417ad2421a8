namespace Teleport.Ssh;

/// <summary>
/// The connection ended, or must end: carries the RFC 4253 §11.1 reason and a message that is
/// safe to show a user (it never holds secrets).
/// </summary>
public class SshConnectionException : SshException
{
    public SshConnectionException(DisconnectReason reason, string message) : base(message) => Reason = reason;

    public SshConnectionException(DisconnectReason reason, string message, Exception innerException)
        : base(message, innerException) => Reason = reason;

    public SshConnectionException() : this(DisconnectReason.ConnectionLost, "connection lost") { }

    public SshConnectionException(string message) : this(DisconnectReason.ConnectionLost, message) { }

    public SshConnectionException(string message, Exception innerException)
        : this(DisconnectReason.ConnectionLost, message, innerException) { }

    /// <summary>The disconnect reason sent or received.</summary>
    public DisconnectReason Reason { get; }
}
