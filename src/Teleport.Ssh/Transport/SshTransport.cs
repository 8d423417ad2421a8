using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Teleport.Ssh.Crypto.Ciphers;
using Teleport.Ssh.Messages.Transport;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Transport;

/// <summary>
/// The SSH transport layer (RFC 4253) over a byte stream: version exchange, binary packets,
/// key exchange and re-exchange, and disconnects. One receive path, driven by the caller through
/// <see cref="ReceiveAsync"/>, handles transport messages itself and returns the rest; one send
/// loop alone encrypts, numbers and writes packets, holding back non-transport messages while a
/// key exchange is in progress. A broken connection is handled in one place, <see cref="Abort"/>.
/// </summary>
internal sealed partial class SshTransport : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly TransportSettings _settings;
    private readonly ILogger _logger;
    private readonly Channel<SshWriter> _sendQueue = Channel.CreateUnbounded<SshWriter>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _sendLoop;
    private Exception? _closeReason;
    private int _aborted;

    public SshTransport(Stream stream, TransportSettings settings)
    {
        _stream = stream;
        _settings = settings;
        _logger = settings.Logger;
        _receiveCipher = new NonePacketCipher();
        _sendCipher = new NonePacketCipher();
    }

    public bool IsServer => _settings.IsServer;

    /// <summary>Our identification string, without CR LF.</summary>
    public string LocalVersion => _settings.SoftwareVersion;

    /// <summary>The peer's identification string, without CR LF.</summary>
    public string RemoteVersion { get; private set; } = string.Empty;

    /// <summary>The exchange hash of the first key exchange (RFC 4253 §7.2), fixed for the connection.</summary>
    public ReadOnlyMemory<byte> SessionId => _sessionId;

    /// <summary>Completes when the transport has closed, for whatever reason.</summary>
    public Task Completion => _closed.Task;

    /// <summary>Why the transport closed, once it has.</summary>
    public Exception? CloseReason => _closeReason;

    /// <summary>
    /// Runs the version exchange and the first key exchange. If <paramref name="cancellationToken"/>
    /// fires, the transport is left for the caller to disconnect or dispose (see <see cref="ReceiveAsync"/>).
    /// </summary>
    public async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ExchangeVersionsAsync(cancellationToken).ConfigureAwait(false);
            _sendLoop = Task.Run(SendLoopAsync, CancellationToken.None);
            StartKeyExchange();
            while (!_firstKeyExchangeDone)
            {
                ReadOnlyMemory<byte> payload = await ReadPacketAsync(cancellationToken).ConfigureAwait(false);
                if (!await HandleTransportMessageAsync(payload, cancellationToken).ConfigureAwait(false))
                {
                    throw new SshProtocolException($"unexpected message {payload.Span[0]} before the key exchange completed");
                }
            }
        }
        catch (Exception e) when (!CancelledByCaller(e, cancellationToken))
        {
            await FailAsync(e).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Returns the next message that is not the transport's own. The memory is valid until the
    /// next call; only one caller may receive at a time. A failure breaks the transport before it
    /// is thrown, except when <paramref name="cancellationToken"/> fires: then the caller closes
    /// the transport itself, so it can tell the peer why (the server's login grace time), and must
    /// not receive again.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> payload = await ReadPacketAsync(cancellationToken).ConfigureAwait(false);
                if (!await HandleTransportMessageAsync(payload, cancellationToken).ConfigureAwait(false))
                {
                    return payload;
                }
            }
        }
        catch (Exception e) when (!CancelledByCaller(e, cancellationToken))
        {
            await FailAsync(e).ConfigureAwait(false);
            throw;
        }
    }

    private static bool CancelledByCaller(Exception error, CancellationToken cancellationToken) =>
        error is OperationCanceledException && cancellationToken.IsCancellationRequested;

    /// <summary>
    /// Ends the connection after a receive failed: a protocol violation is answered with
    /// SSH_MSG_DISCONNECT carrying its reason (RFC 4253 §11.1); anything else just closes.
    /// </summary>
    public async Task FailAsync(Exception error)
    {
        if (_closeReason is not null)
        {
            return;
        }

        if (error is SshProtocolException protocolError)
        {
            _logger.LogDebug("disconnecting {Peer}: {Reason}", RemoteVersion, protocolError.Message);
            await DisconnectAsync(protocolError.Reason, protocolError.Message).ConfigureAwait(false);
        }
        else
        {
            Abort(error is SshConnectionException ? error : new SshConnectionException(DisconnectReason.ConnectionLost, error.Message, error));
        }
    }

    /// <summary>
    /// Sends SSH_MSG_DISCONNECT with <paramref name="reason"/>, waits briefly for it to leave and
    /// closes. Safe to call more than once and after the connection broke.
    /// </summary>
    public async Task DisconnectAsync(DisconnectReason reason, string description)
    {
        if (_closeReason is null && _sendLoop is not null)
        {
            Send(new DisconnectMessage(reason, description).Write());
            _sendQueue.Writer.TryComplete();
            try
            {
                await _sendLoop.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or IOException or ObjectDisposedException or OperationCanceledException or SshConnectionException)
            {
                // The peer is gone or stuck; closing below is all that is left to do.
            }
        }

        Abort(new SshConnectionException(reason, description));
    }

    /// <summary>
    /// Breaks the connection at once: the one place a transport fails. Later sends are dropped and
    /// receives throw an <see cref="SshConnectionException"/> carrying <paramref name="reason"/>.
    /// </summary>
    public void Abort(Exception reason)
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        _closeReason = reason;
        _closing.Cancel();
        _sendQueue.Writer.TryComplete();
        ReleaseSendWaiters(reason);
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // Closing a socket the peer already reset.
        }

        _closed.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        Abort(new SshConnectionException(DisconnectReason.ByApplication, "connection closed"));
        if (_sendLoop is not null)
        {
            await _sendLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _closing.Dispose();
        _receiveCipher.Dispose();
        _pendingReceiveCipher?.Dispose();
        _keyExchange?.Dispose();
        ReturnReceiveBuffer();
    }

    /// <summary>The exception to raise when the transport is used after it closed.</summary>
    private SshConnectionException Closed() => _closeReason switch
    {
        SshConnectionException closed => new SshConnectionException(closed.Reason, closed.Message, closed),
        null => new SshConnectionException(DisconnectReason.ConnectionLost, "connection closed"),
        Exception other => new SshConnectionException(DisconnectReason.ConnectionLost, other.Message, other),
    };
}
