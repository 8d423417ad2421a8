namespace Teleport.Ssh;

/// <summary>The peer sent bytes that break the protocol; the connection is dropped with this reason.</summary>
public sealed class SshProtocolException : SshConnectionException
{
    public SshProtocolException(string message) : base(DisconnectReason.ProtocolError, message) { }

    public SshProtocolException(DisconnectReason reason, string message) : base(reason, message) { }

    public SshProtocolException() : this("protocol error") { }

    public SshProtocolException(string message, Exception innerException)
        : base(DisconnectReason.ProtocolError, message, innerException) { }
}
