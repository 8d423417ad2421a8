namespace Teleport.Ssh.Connection;

/// <summary>An SSH_MSG_GLOBAL_REQUEST from the peer (RFC 4254 §4); the data is a private copy.</summary>
public sealed class GlobalRequest
{
    internal GlobalRequest(SshConnection connection, string name, bool wantReply, byte[] data)
    {
        Connection = connection;
        Name = name;
        WantReply = wantReply;
        Data = data;
    }

    public SshConnection Connection { get; }

    /// <summary>Such as <c>tcpip-forward</c> or <c>cancel-tcpip-forward</c>.</summary>
    public string Name { get; }

    public bool WantReply { get; }

    public ReadOnlyMemory<byte> Data { get; }
}
