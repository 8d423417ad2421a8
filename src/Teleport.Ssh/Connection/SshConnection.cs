using System.Net;
using Microsoft.Extensions.Logging;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Transport;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Connection;

/// <summary>
/// An authenticated SSH connection, client or server side, speaking the connection protocol
/// (RFC 4254): channels, global requests, keepalives. One receive loop dispatches every message;
/// handlers the application supplies run off that loop, so one slow channel never stalls another.
/// </summary>
public sealed partial class SshConnection : IAsyncDisposable
{
    private readonly SshTransport _transport;
    private readonly ConnectionSettings _settings;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _receiveLoop;

    internal SshConnection(SshTransport transport, ConnectionSettings settings, string userName, object? identity, EndPoint? remoteEndPoint)
    {
        transport.BeforeReceiveWait = FlushChannels;
        _transport = transport;
        _settings = settings;
        UserName = userName;
        Identity = identity;
        RemoteEndPoint = remoteEndPoint;
    }

    /// <summary>The authenticated user name.</summary>
    public string UserName { get; }

    /// <summary>Server side: what the authenticator attached on success (roles, certificate...).</summary>
    public object? Identity { get; }

    public EndPoint? RemoteEndPoint { get; }

    /// <summary>Server side: the address the client connected to (for SSH_CONNECTION).</summary>
    public EndPoint? LocalEndPoint { get; internal init; }

    /// <summary>The peer's identification string.</summary>
    public string RemoteVersion => _transport.RemoteVersion;

    /// <summary>Client side: the server's verified host key or certificate.</summary>
    public SshPublicKey? ServerHostKey => _transport.ServerHostKey;

    /// <summary>The session identifier (RFC 4253 §7.2).</summary>
    public ReadOnlyMemory<byte> SessionId => _transport.SessionId;

    /// <summary>The negotiated cipher, client to server, for diagnostics.</summary>
    public string? Cipher => _transport.Algorithms?.CipherClientToServer.Name;

    /// <summary>Completes when the connection has ended.</summary>
    public Task Completion => _completed.Task;

    /// <summary>Why the connection ended, once it has.</summary>
    public Exception? CloseReason => _transport.CloseReason;

    internal CancellationToken Closing => _closing.Token;

    internal ILogger Logger => _settings.Logger;

    internal void Start()
    {
        _receiveLoop = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        if (_settings.KeepAliveInterval > TimeSpan.Zero)
        {
            _ = Task.Run(KeepAliveLoopAsync, CancellationToken.None);
        }
    }

    /// <summary>Sends SSH_MSG_DISCONNECT and closes every channel.</summary>
    public async Task DisconnectAsync(DisconnectReason reason = DisconnectReason.ByApplication, string description = "disconnected by application")
    {
        await _transport.DisconnectAsync(reason, description).ConfigureAwait(false);
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        _closing.Dispose();
    }

    internal void Send(SshWriter packet) => _transport.Send(packet);

    // Channels with data received but not yet flushed to their readers; receive loop only.
    private readonly List<SshChannel> _unflushed = [];

    internal void MarkForFlush(SshChannel channel)
    {
        if (_unflushed.Count == 0 || !ReferenceEquals(_unflushed[^1], channel))
        {
            _unflushed.Add(channel);
        }
    }

    private void FlushChannels()
    {
        foreach (SshChannel channel in _unflushed)
        {
            channel.FlushReceived();
        }

        _unflushed.Clear();
    }

    internal ValueTask SendAsync(SshWriter packet, CancellationToken cancellationToken) => _transport.SendAsync(packet, cancellationToken);

    private async Task ReceiveLoopAsync()
    {
        Exception? reason = null;
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> payload = await _transport.ReceiveAsync(CancellationToken.None).ConfigureAwait(false);
                Volatile.Write(ref _lastReceived, Environment.TickCount64);
                _unansweredKeepAlives = 0;
                Dispatch(payload.Span);
            }
        }
        catch (Exception e) when (e is SshException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            reason = e;
            await _transport.FailAsync(e).ConfigureAwait(false);
        }
        finally
        {
            reason ??= _transport.CloseReason ?? new SshConnectionException(DisconnectReason.ConnectionLost, "connection closed");
            Logger.LogDebug("connection with {Peer} ended: {Reason}", RemoteVersion, reason.Message);
            await _closing.CancelAsync().ConfigureAwait(false);
            AbortAll(reason);
            _completed.TrySetResult();
        }
    }

    /// <summary>Routes one connection-protocol message (RFC 4254) to its handler.</summary>
    private void Dispatch(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload);
        var number = reader.ReadMessageNumber();
        switch (number)
        {
            case MessageNumber.GlobalRequest:
                OnGlobalRequest(ref reader);
                break;
            case MessageNumber.RequestSuccess or MessageNumber.RequestFailure:
                OnGlobalRequestReply(number == MessageNumber.RequestSuccess, reader.ReadRemaining());
                break;
            case MessageNumber.ChannelOpen:
                OnChannelOpen(ref reader);
                break;
            case MessageNumber.ChannelOpenConfirmation:
                OnChannelOpenConfirmation(ref reader);
                break;
            case MessageNumber.ChannelOpenFailure:
                OnChannelOpenFailure(ref reader);
                break;
            case MessageNumber.ChannelWindowAdjust:
                FindChannel(reader.ReadUInt32()).OnWindowAdjust(reader.ReadUInt32());
                break;
            case MessageNumber.ChannelData:
            {
                SshChannel channel = FindChannel(reader.ReadUInt32());
                channel.OnData(reader.ReadString(), extendedType: 0);
                break;
            }

            case MessageNumber.ChannelExtendedData:
            {
                SshChannel channel = FindChannel(reader.ReadUInt32());
                uint type = reader.ReadUInt32();
                channel.OnData(reader.ReadString(), type);
                break;
            }

            case MessageNumber.ChannelEof:
                FindChannel(reader.ReadUInt32()).OnEof();
                break;
            case MessageNumber.ChannelClose:
                FindChannel(reader.ReadUInt32()).OnClose();
                break;
            case MessageNumber.ChannelRequest:
            {
                SshChannel channel = FindChannel(reader.ReadUInt32());
                string type = reader.ReadName();
                bool wantReply = reader.ReadBoolean();
                channel.OnRequest(type, wantReply, reader.ReadRemaining().ToArray());
                break;
            }

            case MessageNumber.ChannelSuccess or MessageNumber.ChannelFailure:
                FindChannel(reader.ReadUInt32()).OnRequestReply(number == MessageNumber.ChannelSuccess);
                break;
            default:
                _transport.SendUnimplemented(_transport.LastReceivedSequenceNumber);
                break;
        }
    }
}
