using Microsoft.Extensions.Logging;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Connection;

public sealed partial class SshConnection
{
    private const string KeepAliveRequest = "keepalive@openssh.com";
    private const string NoMoreSessionsRequest = "no-more-sessions@openssh.com";

    private readonly Queue<TaskCompletionSource<GlobalRequestReply>> _pendingGlobalReplies = new();
    private Task _globalRequestTail = Task.CompletedTask;
    private bool _noMoreSessions;
    private long _lastReceived = Environment.TickCount64;
    private int _unansweredKeepAlives;

    /// <summary>Sends SSH_MSG_GLOBAL_REQUEST (RFC 4254 §4); replies come back in request order.</summary>
    public Task<GlobalRequestReply> SendGlobalRequestAsync(string name, bool wantReply, ReadOnlySpan<byte> data)
    {
        SshWriter packet = SshWriter.ForPacket(MessageNumber.GlobalRequest, name.Length + data.Length + 16);
        packet.WriteString(name);
        packet.WriteBoolean(wantReply);
        packet.WriteRaw(data);
        if (!wantReply)
        {
            Send(packet);
            return Task.FromResult(GlobalRequestReply.Succeeded);
        }

        var reply = new TaskCompletionSource<GlobalRequestReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pendingGlobalReplies)
        {
            if (_channelsClosed)
            {
                packet.Dispose();
                return Task.FromException<GlobalRequestReply>(new SshConnectionException(DisconnectReason.ConnectionLost, "the connection has ended"));
            }

            _pendingGlobalReplies.Enqueue(reply);
            Send(packet);
        }

        return reply.Task;
    }

    /// <summary>Client: asks the server to refuse further session channels (OpenSSH PROTOCOL §2.2).</summary>
    public void SendNoMoreSessions() => _ = SendGlobalRequestAsync(NoMoreSessionsRequest, wantReply: false, ReadOnlySpan<byte>.Empty);

    private void OnGlobalRequest(ref SshReader reader)
    {
        string name = reader.ReadUtf8(256);
        bool wantReply = reader.ReadBoolean();
        byte[] data = reader.ReadRemaining().ToArray();
        var request = new GlobalRequest(this, name, wantReply, data);
        _globalRequestTail = HandleGlobalRequestAfterAsync(_globalRequestTail, request);
    }

    private async Task HandleGlobalRequestAfterAsync(Task previous, GlobalRequest request)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        GlobalRequestReply reply = GlobalRequestReply.Failure;
        try
        {
            if (request.Name == NoMoreSessionsRequest)
            {
                _noMoreSessions = true;
            }
            else if (request.Name != KeepAliveRequest && _settings.GlobalRequestHandler is { } handler)
            {
                // Keepalives are answered with failure, as sshd does: any reply proves liveness.
                reply = await handler(request, Closing).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Logger.LogWarning(e, "global request {Name} handler failed", request.Name);
        }

        if (request.WantReply && !Closing.IsCancellationRequested)
        {
            SshWriter packet = SshWriter.ForPacket(reply.Success ? MessageNumber.RequestSuccess : MessageNumber.RequestFailure, 16 + reply.Data.Length);
            if (reply.Success)
            {
                packet.WriteRaw(reply.Data.Span);
            }

            Send(packet);
        }
    }

    private void OnGlobalRequestReply(bool success, ReadOnlySpan<byte> data)
    {
        TaskCompletionSource<GlobalRequestReply>? reply;
        lock (_pendingGlobalReplies)
        {
            _pendingGlobalReplies.TryDequeue(out reply);
        }

        if (reply is null)
        {
            throw new SshProtocolException("global request reply without a request");
        }

        reply.TrySetResult(success ? new GlobalRequestReply(true, data.ToArray()) : GlobalRequestReply.Failure);
    }

    private void FailGlobalRequests(Exception reason)
    {
        lock (_pendingGlobalReplies)
        {
            while (_pendingGlobalReplies.TryDequeue(out TaskCompletionSource<GlobalRequestReply>? reply))
            {
                reply.TrySetException(new SshConnectionException(DisconnectReason.ConnectionLost, "the connection ended: " + reason.Message, reason));
            }
        }
    }

    /// <summary>
    /// After <see cref="ConnectionSettings.KeepAliveInterval"/> of silence, sends keepalive@openssh.com;
    /// after <see cref="ConnectionSettings.KeepAliveCountMax"/> unanswered, drops the connection
    /// (sshd's ClientAliveInterval and ClientAliveCountMax, ssh's ServerAlive*).
    /// </summary>
    private async Task KeepAliveLoopAsync()
    {
        TimeSpan interval = _settings.KeepAliveInterval;
        try
        {
            while (!Closing.IsCancellationRequested)
            {
                await Task.Delay(interval, Closing).ConfigureAwait(false);
                if (Environment.TickCount64 - Volatile.Read(ref _lastReceived) < interval.TotalMilliseconds)
                {
                    continue;
                }

                if (Interlocked.Increment(ref _unansweredKeepAlives) > _settings.KeepAliveCountMax)
                {
                    await _transport.DisconnectAsync(DisconnectReason.ConnectionLost, "keepalive timeout").ConfigureAwait(false);
                    return;
                }

                _ = SendGlobalRequestAsync(KeepAliveRequest, wantReply: true, ReadOnlySpan<byte>.Empty)
                    .ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }
}
