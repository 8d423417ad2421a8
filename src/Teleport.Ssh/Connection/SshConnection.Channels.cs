using Microsoft.Extensions.Logging;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Connection;

public sealed partial class SshConnection
{
    private const int MaxPendingIncomingOpens = 64;

    private readonly Lock _channelsLock = new();
    private readonly Dictionary<uint, SshChannel> _channels = [];
    private readonly Dictionary<uint, TaskCompletionSource<SshChannel>> _pendingOpens = [];
    private uint _nextChannelId;
    private int _pendingIncomingOpens;
    private bool _channelsClosed;

    /// <summary>The channels open now.</summary>
    public int ChannelCount
    {
        get
        {
            lock (_channelsLock)
            {
                return _channels.Count;
            }
        }
    }

    /// <summary>Opens a channel of <paramref name="channelType"/> (RFC 4254 §5.1); throws <see cref="SshChannelOpenException"/> if refused.</summary>
    public async Task<SshChannel> OpenChannelAsync(string channelType, ReadOnlyMemory<byte> extraData, ChannelRequestHandler? requestHandler, CancellationToken cancellationToken)
    {
        var confirmed = new TaskCompletionSource<SshChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        SshChannel channel;
        lock (_channelsLock)
        {
            ThrowIfClosed();
            channel = AddChannel(channelType);
            _pendingOpens[channel.LocalId] = confirmed;
        }

        channel.SetRequestHandler(requestHandler);
        SshWriter open = SshWriter.ForPacket(MessageNumber.ChannelOpen, 64 + extraData.Length);
        open.WriteString(channelType);
        open.WriteUInt32(channel.LocalId);
        open.WriteUInt32(_settings.LocalWindowSize);
        open.WriteUInt32(_settings.LocalMaxPacket);
        open.WriteRaw(extraData.Span);
        Send(open);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<SshChannel>)state!).TrySetCanceled(), confirmed))
        {
            return await confirmed.Task.ConfigureAwait(false);
        }
    }

    public Task<SshChannel> OpenChannelAsync(string channelType, CancellationToken cancellationToken = default) =>
        OpenChannelAsync(channelType, ReadOnlyMemory<byte>.Empty, requestHandler: null, cancellationToken);

    /// <summary>Client: opens a session channel (RFC 4254 §6.1).</summary>
    public Task<Session.SshSession> OpenSessionAsync(CancellationToken cancellationToken = default) =>
        Session.SshSession.OpenAsync(this, cancellationToken);

    /// <summary>Client: a direct-tcpip channel to <paramref name="host"/>:<paramref name="port"/> from the server (ssh -L, -J).</summary>
    public Task<SshChannel> OpenDirectTcpIpAsync(string host, int port, string originatorAddress = "127.0.0.1", int originatorPort = 0, CancellationToken cancellationToken = default) =>
        OpenTcpIpAsync(ChannelTypes.DirectTcpIp, new TcpIpChannelInfo(host, (uint)port, originatorAddress, (uint)originatorPort), cancellationToken);

    /// <summary>Server: a forwarded-tcpip channel for a connection to a port the client asked to forward (ssh -R).</summary>
    public Task<SshChannel> OpenForwardedTcpIpAsync(TcpIpChannelInfo info, CancellationToken cancellationToken = default) =>
        OpenTcpIpAsync(ChannelTypes.ForwardedTcpIp, info, cancellationToken);

    private Task<SshChannel> OpenTcpIpAsync(string channelType, TcpIpChannelInfo info, CancellationToken cancellationToken)
    {
        byte[] extraData;
        using (var writer = new SshWriter(128))
        {
            info.WriteTo(new SshDataWriter(writer));
            extraData = writer.ToArray();
        }

        return OpenChannelAsync(channelType, extraData, requestHandler: null, cancellationToken);
    }

    /// <summary>Accepts the peer's open: allocates our side and sends the confirmation.</summary>
    internal SshChannel ConfirmChannel(string channelType, uint senderChannel, uint initialWindow, uint maxPacket, ChannelRequestHandler? requestHandler)
    {
        SshChannel channel;
        lock (_channelsLock)
        {
            ThrowIfClosed();
            channel = AddChannel(channelType);
        }

        channel.SetRemote(senderChannel, initialWindow, maxPacket);
        channel.SetRequestHandler(requestHandler);
        SshWriter confirmation = SshWriter.ForPacket(MessageNumber.ChannelOpenConfirmation, 32);
        confirmation.WriteUInt32(senderChannel);
        confirmation.WriteUInt32(channel.LocalId);
        confirmation.WriteUInt32(_settings.LocalWindowSize);
        confirmation.WriteUInt32(_settings.LocalMaxPacket);
        Send(confirmation);
        return channel;
    }

    internal void RejectChannel(uint senderChannel, ChannelOpenFailureReason reason, string description)
    {
        SshWriter failure = SshWriter.ForPacket(MessageNumber.ChannelOpenFailure, 64 + description.Length);
        failure.WriteUInt32(senderChannel);
        failure.WriteUInt32((uint)reason);
        failure.WriteString(description);
        failure.WriteString(string.Empty); // language tag
        Send(failure);
    }

    internal void RemoveChannel(SshChannel channel)
    {
        lock (_channelsLock)
        {
            _channels.Remove(channel.LocalId);
        }
    }

    private SshChannel AddChannel(string channelType)
    {
        if (_channels.Count >= _settings.MaxChannels)
        {
            throw new SshChannelOpenException(ChannelOpenFailureReason.ResourceShortage, $"no more than {_settings.MaxChannels} channels per connection");
        }

        while (_channels.ContainsKey(_nextChannelId))
        {
            _nextChannelId++;
        }

        var channel = new SshChannel(this, channelType, _nextChannelId++, _settings.LocalWindowSize, _settings.LocalMaxPacket);
        _channels.Add(channel.LocalId, channel);
        return channel;
    }

    private SshChannel FindChannel(uint localId)
    {
        lock (_channelsLock)
        {
            if (_channels.TryGetValue(localId, out SshChannel? channel) && !_pendingOpens.ContainsKey(localId))
            {
                return channel;
            }
        }

        throw new SshProtocolException($"message for channel {localId}, which is not open");
    }

    private void OnChannelOpen(ref SshReader reader)
    {
        string channelType = reader.ReadName();
        uint sender = reader.ReadUInt32();
        uint window = reader.ReadUInt32();
        uint maxPacket = reader.ReadUInt32();
        byte[] extra = reader.ReadRemaining().ToArray();

        if (_settings.ChannelOpenHandler is not { } handler)
        {
            RejectChannel(sender, ChannelOpenFailureReason.UnknownChannelType, $"{channelType} channels are not accepted");
            return;
        }

        if (channelType == ChannelTypes.Session && _noMoreSessions)
        {
            // OpenSSH PROTOCOL §2.2: after no-more-sessions, a session open is refused.
            RejectChannel(sender, ChannelOpenFailureReason.AdministrativelyProhibited, "no more sessions");
            return;
        }

        lock (_channelsLock)
        {
            if (_channels.Count + _pendingIncomingOpens >= _settings.MaxChannels || _pendingIncomingOpens >= MaxPendingIncomingOpens)
            {
                RejectChannel(sender, ChannelOpenFailureReason.ResourceShortage, "too many channels");
                return;
            }

            _pendingIncomingOpens++;
        }

        var request = new ChannelOpenRequest(this, channelType, sender, window, maxPacket, extra);
        _ = RunChannelOpenHandlerAsync(handler, request);
    }

    private async Task RunChannelOpenHandlerAsync(Func<ChannelOpenRequest, CancellationToken, Task> handler, ChannelOpenRequest request)
    {
        try
        {
            await handler(request, Closing).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Logger.LogWarning(e, "{ChannelType} channel open handler failed", request.ChannelType);
        }
        finally
        {
            lock (_channelsLock)
            {
                _pendingIncomingOpens--;
            }

            if (!request.IsAnswered && !Closing.IsCancellationRequested)
            {
                try
                {
                    request.Reject(ChannelOpenFailureReason.AdministrativelyProhibited, "refused");
                }
                catch (InvalidOperationException)
                {
                    // Answered concurrently after all.
                }
            }
        }
    }

    private void OnChannelOpenConfirmation(ref SshReader reader)
    {
        uint recipient = reader.ReadUInt32();
        uint sender = reader.ReadUInt32();
        uint window = reader.ReadUInt32();
        uint maxPacket = reader.ReadUInt32();
        (SshChannel channel, TaskCompletionSource<SshChannel> confirmed) = TakePendingOpen(recipient);
        channel.SetRemote(sender, window, maxPacket);
        if (!confirmed.TrySetResult(channel))
        {
            // The opener gave up (cancelled): close what the peer just opened.
            channel.Close();
        }
    }

    private void OnChannelOpenFailure(ref SshReader reader)
    {
        uint recipient = reader.ReadUInt32();
        var reason = (ChannelOpenFailureReason)reader.ReadUInt32();
        string description = reader.ReadUtf8(4096);
        (SshChannel channel, TaskCompletionSource<SshChannel> confirmed) = TakePendingOpen(recipient);
        RemoveChannel(channel);
        confirmed.TrySetException(new SshChannelOpenException(reason, description));
    }

    private (SshChannel Channel, TaskCompletionSource<SshChannel> Confirmed) TakePendingOpen(uint localId)
    {
        lock (_channelsLock)
        {
            if (_pendingOpens.Remove(localId, out TaskCompletionSource<SshChannel>? confirmed) && _channels.TryGetValue(localId, out SshChannel? channel))
            {
                return (channel, confirmed);
            }
        }

        throw new SshProtocolException($"open confirmation for channel {localId}, which was not being opened");
    }

    private void ThrowIfClosed()
    {
        if (_channelsClosed)
        {
            throw new SshConnectionException(DisconnectReason.ConnectionLost, "the connection has ended");
        }
    }

    private void AbortAll(Exception reason)
    {
        SshChannel[] channels;
        TaskCompletionSource<SshChannel>[] pending;
        lock (_channelsLock)
        {
            _channelsClosed = true;
            channels = [.. _channels.Values];
            pending = [.. _pendingOpens.Values];
            _pendingOpens.Clear();
        }

        foreach (TaskCompletionSource<SshChannel> open in pending)
        {
            open.TrySetException(new SshConnectionException(DisconnectReason.ConnectionLost, "the connection ended: " + reason.Message, reason));
        }

        foreach (SshChannel channel in channels)
        {
            channel.Abort(reason);
        }

        FailGlobalRequests(reason);
    }
}
