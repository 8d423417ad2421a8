namespace Teleport.Ssh.Connection;

/// <summary>The peer refused to open a channel.</summary>
public sealed class SshChannelOpenException : SshException
{
    public SshChannelOpenException(ChannelOpenFailureReason reason, string description)
        : base($"channel open refused ({reason}): {description}") => Reason = reason;

    public SshChannelOpenException() { }

    public SshChannelOpenException(string message) : base(message) { }

    public SshChannelOpenException(string message, Exception innerException) : base(message, innerException) { }

    public ChannelOpenFailureReason Reason { get; }
}
