namespace Teleport.Ssh.Connection;

/// <summary>An SSH_MSG_CHANNEL_REQUEST from the peer (RFC 4254 §5.4). The data is a private copy.</summary>
public sealed class SshChannelRequest
{
    internal SshChannelRequest(SshChannel channel, string requestType, bool wantReply, byte[] data)
    {
        Channel = channel;
        RequestType = requestType;
        WantReply = wantReply;
        Data = data;
    }

    public SshChannel Channel { get; }

    /// <summary>Such as <c>pty-req</c>, <c>exec</c>, <c>exit-status</c>.</summary>
    public string RequestType { get; }

    public bool WantReply { get; }

    /// <summary>The type-specific fields after want_reply.</summary>
    public ReadOnlyMemory<byte> Data { get; }
}
