namespace Teleport.Ssh.Connection;

/// <summary>
/// An SSH_MSG_CHANNEL_OPEN from the peer (RFC 4254 §5.1). The handler calls <see cref="Accept"/>
/// or <see cref="Reject"/> once; one that returns without either refuses the channel.
/// </summary>
public sealed class ChannelOpenRequest
{
    private readonly SshConnection _connection;
    private readonly uint _senderChannel;
    private readonly uint _initialWindow;
    private readonly uint _maxPacket;
    private int _answered;

    internal ChannelOpenRequest(SshConnection connection, string channelType, uint senderChannel, uint initialWindow, uint maxPacket, byte[] extraData)
    {
        _connection = connection;
        ChannelType = channelType;
        _senderChannel = senderChannel;
        _initialWindow = initialWindow;
        _maxPacket = maxPacket;
        ExtraData = extraData;
    }

    public SshConnection Connection => _connection;

    /// <summary>Such as <c>session</c>, <c>direct-tcpip</c>, <c>forwarded-tcpip</c>.</summary>
    public string ChannelType { get; }

    /// <summary>The type-specific fields of the open message.</summary>
    public ReadOnlyMemory<byte> ExtraData { get; }

    internal bool IsAnswered => Volatile.Read(ref _answered) != 0;

    /// <summary>For direct-tcpip and forwarded-tcpip: the address pair in the open message (RFC 4254 §7).</summary>
    public TcpIpChannelInfo ReadTcpIpInfo() => TcpIpChannelInfo.Read(ExtraData.Span);

    /// <summary>Confirms the channel; <paramref name="requestHandler"/> answers its requests from the first one on.</summary>
    public SshChannel Accept(ChannelRequestHandler? requestHandler = null)
    {
        if (Interlocked.Exchange(ref _answered, 1) != 0)
        {
            throw new InvalidOperationException("the channel open was already answered");
        }

        return _connection.ConfirmChannel(ChannelType, _senderChannel, _initialWindow, _maxPacket, requestHandler);
    }

    /// <summary>Refuses the channel with a reason the peer will show.</summary>
    public void Reject(ChannelOpenFailureReason reason, string description)
    {
        if (Interlocked.Exchange(ref _answered, 1) != 0)
        {
            throw new InvalidOperationException("the channel open was already answered");
        }

        _connection.RejectChannel(_senderChannel, reason, description);
    }
}
