using Microsoft.Extensions.Logging;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Connection;

public sealed partial class SshChannel
{
    private readonly Queue<TaskCompletionSource<bool>> _pendingReplies = new();
    private ChannelRequestHandler? _requestHandler;
    private Task _requestTail = Task.CompletedTask;
    private int _requestsBeingHandled;

    /// <summary>Who answers the peer's requests on this channel; without one, every request is refused.</summary>
    internal void SetRequestHandler(ChannelRequestHandler? handler) => _requestHandler = handler;

    /// <summary>
    /// Sends SSH_MSG_CHANNEL_REQUEST (RFC 4254 §5.4). With <paramref name="wantReply"/> the task
    /// gives the peer's answer; without, it completes once queued with true.
    /// </summary>
    public Task<bool> SendRequestAsync(string requestType, bool wantReply, ReadOnlySpan<byte> data)
    {
        SshWriter packet = SshWriter.ForPacket(MessageNumber.ChannelRequest, requestType.Length + data.Length + 16);
        packet.WriteUInt32(RemoteId);
        packet.WriteString(requestType);
        packet.WriteBoolean(wantReply);
        packet.WriteRaw(data);
        if (!wantReply)
        {
            _connection.Send(packet);
            return Task.FromResult(true);
        }

        var reply = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pendingReplies)
        {
            if (_closed.Task.IsCompleted)
            {
                packet.Dispose();
                return Task.FromException<bool>(ClosedError());
            }

            // Replies come in request order (RFC 4254 §5.4), so queue before sending.
            _pendingReplies.Enqueue(reply);
            _connection.Send(packet);
        }

        return reply.Task;
    }

    /// <summary>Builds the request data with <paramref name="write"/> and sends it.</summary>
    public Task<bool> SendRequestAsync(string requestType, bool wantReply, Action<SshDataWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        byte[] data;
        using (var writer = new SshWriter(64))
        {
            write(new SshDataWriter(writer));
            data = writer.ToArray();
        }

        return SendRequestAsync(requestType, wantReply, data);
    }

    internal void OnRequestReply(bool success)
    {
        TaskCompletionSource<bool>? reply;
        lock (_pendingReplies)
        {
            _pendingReplies.TryDequeue(out reply);
        }

        if (reply is null)
        {
            throw new SshProtocolException($"channel {LocalId}: reply without a request");
        }

        reply.TrySetResult(success);
    }

    /// <summary>Queues the peer's request behind the ones before it and answers when its handler is done.</summary>
    internal void OnRequest(string requestType, bool wantReply, byte[] data)
    {
        var request = new SshChannelRequest(this, requestType, wantReply, data);
        lock (_stateLock)
        {
            _requestsBeingHandled++;
        }

        _requestTail = HandleAfterAsync(_requestTail, request);
    }

    private async Task HandleAfterAsync(Task previous, SshChannelRequest request)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        bool success = false;
        try
        {
            if (_requestHandler is { } handler && !_closed.Task.IsCompleted)
            {
                success = await handler(request, _connection.Closing).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _connection.Logger.LogWarning(e, "channel {Channel}: {Request} handler failed", LocalId, request.RequestType);
        }

        // The reply goes out even if the handler's work asked to close meanwhile: that CLOSE waits
        // for the last request being handled (see Close), and nothing may follow it (RFC 4254 §5.3).
        bool closeNow;
        lock (_stateLock)
        {
            if (request.WantReply && !_closeMessageSent && !_closed.Task.IsCompleted)
            {
                SshWriter reply = SshWriter.ForPacket(success ? MessageNumber.ChannelSuccess : MessageNumber.ChannelFailure, 8);
                reply.WriteUInt32(RemoteId);
                _connection.Send(reply);
            }

            closeNow = --_requestsBeingHandled == 0 && _closeSent;
        }

        if (closeNow)
        {
            SendClose();
        }
    }

    private void FailPendingRequests(Exception error)
    {
        lock (_pendingReplies)
        {
            while (_pendingReplies.TryDequeue(out TaskCompletionSource<bool>? reply))
            {
                reply.TrySetException(error);
            }
        }
    }
}
