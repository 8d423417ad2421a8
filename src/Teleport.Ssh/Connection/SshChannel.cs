using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Connection;

/// <summary>
/// One channel of a connection (RFC 4254 §5): a pair of flow-controlled byte streams (data, and
/// extended data for stderr), requests in both directions, EOF and close. Receiving is bounded by
/// the window we grant: data the application has not read holds the window shut, so a slow reader
/// slows the peer instead of growing memory. Sending waits for the peer's window.
/// </summary>
public sealed partial class SshChannel : IAsyncDisposable
{
    private readonly SshConnection _connection;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _stateLock = new();
    private bool _eofSent;
    private bool _closeSent;
    private bool _closeMessageSent;
    private bool _closeReceived;
    private Exception? _abortReason;

    internal SshChannel(SshConnection connection, string channelType, uint localId, uint localWindowSize, uint localMaxPacket)
    {
        _connection = connection;
        ChannelType = channelType;
        LocalId = localId;
        _localWindowSize = localWindowSize;
        _localWindow = localWindowSize;
        LocalMaxPacket = localMaxPacket;
    }

    /// <summary>The channel type, such as <c>session</c> or <c>direct-tcpip</c>.</summary>
    public string ChannelType { get; }

    /// <summary>The connection the channel belongs to.</summary>
    public SshConnection Connection => _connection;

    internal uint LocalId { get; }

    internal uint RemoteId { get; private set; }

    internal uint LocalMaxPacket { get; }

    /// <summary>Completes once both sides have sent SSH_MSG_CHANNEL_CLOSE, or the connection ended.</summary>
    public Task Completion => _closed.Task;

    /// <summary>True once the peer sent EOF: no more data will arrive.</summary>
    public bool EofReceived { get; private set; }

    /// <summary>Binds the peer's side after SSH_MSG_CHANNEL_OPEN_CONFIRMATION, or when we accept its open.</summary>
    internal void SetRemote(uint remoteId, uint remoteWindow, uint remoteMaxPacket)
    {
        RemoteId = remoteId;
        _remoteWindow = remoteWindow;
        _remoteMaxPacket = Math.Max(1, Math.Min(remoteMaxPacket, MaxDataPerPacket));
    }

    /// <summary>Tells the peer no more data follows (RFC 4254 §5.3). Idempotent.</summary>
    public void SendEof()
    {
        lock (_stateLock)
        {
            if (_eofSent || _closeSent || _abortReason is not null)
            {
                return;
            }

            _eofSent = true;
        }

        SshWriter eof = SshWriter.ForPacket(MessageNumber.ChannelEof, 8);
        eof.WriteUInt32(RemoteId);
        _connection.Send(eof);
    }

    /// <summary>
    /// Sends SSH_MSG_CHANNEL_CLOSE; the channel completes when the peer's CLOSE arrives. Idempotent.
    /// Nothing more is sent after it, so requests of the peer still being handled are answered
    /// first: the last of them sends the CLOSE.
    /// </summary>
    public void Close()
    {
        bool closeNow;
        lock (_stateLock)
        {
            if (_closeSent || _abortReason is not null)
            {
                return;
            }

            _closeSent = true;
            closeNow = _requestsBeingHandled == 0;
        }

        if (closeNow)
        {
            SendClose();
        }
    }

    /// <summary>Puts our CLOSE on the wire, once; replies are queued under the same lock, so none can follow it.</summary>
    private void SendClose()
    {
        bool bothClosed;
        lock (_stateLock)
        {
            if (_closeMessageSent || _abortReason is not null)
            {
                return;
            }

            _closeMessageSent = true;
            bothClosed = _closeReceived;
            SshWriter close = SshWriter.ForPacket(MessageNumber.ChannelClose, 8);
            close.WriteUInt32(RemoteId);
            _connection.Send(close);
        }

        if (bothClosed)
        {
            Finish(null);
        }
    }

    /// <summary>Closes the channel and waits for the peer's CLOSE, at most a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        Close();
        await Completion.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>A stream over the channel's data: reads what the peer sends, writes to the peer; disposing sends EOF.</summary>
    public Stream GetStream() => new SshChannelStream(this, extended: false);

    /// <summary>A stream over extended data type 1 (stderr): reads the peer's stderr, writes ours.</summary>
    public Stream GetExtendedStream() => new SshChannelStream(this, extended: true);

    /// <summary>The peer sent CLOSE: answer with ours if not yet sent (RFC 4254 §5.3).</summary>
    internal void OnClose()
    {
        bool answer;
        bool bothClosed;
        lock (_stateLock)
        {
            _closeReceived = true;
            answer = !_closeSent;
            bothClosed = _closeMessageSent;
        }

        CompleteReceiving(null);
        if (answer)
        {
            Close();
        }
        else if (bothClosed)
        {
            Finish(null);
        }
    }

    internal void OnEof()
    {
        EofReceived = true;
        CompleteReceiving(null);
    }

    /// <summary>The connection ended under the channel.</summary>
    internal void Abort(Exception reason)
    {
        lock (_stateLock)
        {
            _abortReason ??= reason;
        }

        CompleteReceiving(reason);
        Finish(reason);
    }

    private void Finish(Exception? error)
    {
        CompleteReceiving(error);
        ReleaseWindowWaiters(error ?? new IOException("channel closed"));
        FailPendingRequests(error ?? new IOException("channel closed"));
        if (_closed.TrySetResult())
        {
            _connection.RemoveChannel(this);
        }
    }

    private IOException ClosedError() => new(_abortReason is null ? "the channel is closed" : "the connection ended: " + _abortReason.Message, _abortReason);
}
