using System.Buffers;
using Microsoft.Extensions.Logging;
using Teleport.Ssh.Crypto.Ciphers;
using Teleport.Ssh.Messages.Transport;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Transport;

internal sealed partial class SshTransport
{
    private const int InitialReceiveBufferSize = 16 * 1024;

    /// <summary>A full buffer keeps doubling up to this: bulk transfers then read several packets per wake-up.</summary>
    private const int BulkReceiveBufferSize = 256 * 1024;

    // Receive path state: touched only by the single receiver.
    private byte[] _receiveBuffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBufferSize);
    private int _receiveStart;
    private int _receiveEnd;
    private PacketCipher _receiveCipher;
    private uint _receiveSequence;
    private long _bytesReceivedSinceKex;

    /// <summary>
    /// Called on the receive path right before it waits for the network: the connection flushes the
    /// data it buffered for channels, so readers wake once per read from the socket, not per packet.
    /// </summary>
    public Action? BeforeReceiveWait { get; set; }

    /// <summary>Sequence number of the packet last returned, for SSH_MSG_UNIMPLEMENTED.</summary>
    public uint LastReceivedSequenceNumber { get; private set; }

    /// <summary>The receive buffer's size: it follows the bytes received, for diagnostics and tests.</summary>
    public int ReceiveBufferSize => _receiveBuffer.Length;

    private ReadOnlySpan<byte> BufferedSpan => _receiveBuffer.AsSpan(_receiveStart, _receiveEnd - _receiveStart);

    private void ConsumeBuffered(int count) => _receiveStart += count;

    /// <summary>
    /// Reads, authenticates and decrypts one binary packet (RFC 4253 §6) and returns its payload,
    /// which stays valid until the next read. Lengths are checked before any buffer grows.
    /// </summary>
    private async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken)
    {
        if (_closeReason is not null)
        {
            throw Closed();
        }

        await FillBufferAsync(4, cancellationToken).ConfigureAwait(false);
        uint packetLength = _receiveCipher.DecryptLength(_receiveSequence, BufferedSpan[..4]);
        int blockSize = _receiveCipher.BlockSize;
        long aligned = _receiveCipher.LengthExcludedFromPadding ? packetLength : packetLength + 4L;
        if (packetLength < 5 || packetLength > _settings.MaxPacketLength || aligned % blockSize != 0)
        {
            // OpenSSH answers a bad length the same way as a bad MAC: no hint for an attacker.
            throw new SshProtocolException(DisconnectReason.MacError, "corrupted packet: bad packet length");
        }

        int total = 4 + (int)packetLength + _receiveCipher.MacSize;
        await FillBufferAsync(total, cancellationToken).ConfigureAwait(false);
        Span<byte> packet = _receiveBuffer.AsSpan(_receiveStart, 4 + (int)packetLength);
        ReadOnlySpan<byte> mac = _receiveBuffer.AsSpan(_receiveStart + 4 + (int)packetLength, _receiveCipher.MacSize);
        if (!_receiveCipher.Decrypt(_receiveSequence, packet, mac))
        {
            throw new SshProtocolException(DisconnectReason.MacError, "corrupted packet: message authentication failed");
        }

        int paddingLength = packet[4];
        int payloadLength = (int)packetLength - paddingLength - 1;
        if (paddingLength < 4 || payloadLength < 1)
        {
            throw new SshProtocolException("corrupted packet: bad padding length");
        }

        var payload = new ReadOnlyMemory<byte>(_receiveBuffer, _receiveStart + 5, payloadLength);
        _receiveStart += total;
        LastReceivedSequenceNumber = _receiveSequence;
        _receiveSequence++;
        _bytesReceivedSinceKex += total;
        return payload;
    }

    /// <summary>Makes sure at least <paramref name="count"/> bytes are buffered.</summary>
    private async ValueTask FillBufferAsync(int count, CancellationToken cancellationToken)
    {
        while (_receiveEnd - _receiveStart < count)
        {
            MakeReceiveSpace(count);
            BeforeReceiveWait?.Invoke();
            int read;
            try
            {
                read = await _stream.ReadAsync(_receiveBuffer.AsMemory(_receiveEnd), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException && _closeReason is not null)
            {
                throw Closed();
            }

            if (read == 0)
            {
                throw _closeReason is not null ? Closed() : new SshConnectionException(DisconnectReason.ConnectionLost, "connection closed by peer");
            }

            _receiveEnd += read;
        }
    }

    /// <summary>
    /// Makes room to read towards <paramref name="count"/> buffered bytes: moves the buffered bytes
    /// to the front when the rest would not fit behind them, and grows the buffer only once it is
    /// full, doubling (past <paramref name="count"/> up to <see cref="BulkReceiveBufferSize"/>, so
    /// bulk data is read many packets at a time). Its size follows the bytes that arrived, never a
    /// packet_length alone: a peer that announces 256 KiB and stalls costs no more than twice what it sent.
    /// </summary>
    private void MakeReceiveSpace(int count)
    {
        if (_receiveBuffer.Length - _receiveStart >= count)
        {
            return;
        }

        int buffered = _receiveEnd - _receiveStart;
        byte[] target = _receiveBuffer;
        if (buffered == _receiveBuffer.Length)
        {
            target = ArrayPool<byte>.Shared.Rent(Math.Max(count, Math.Min(_receiveBuffer.Length * 2, BulkReceiveBufferSize)));
        }
        else if (_receiveStart == 0)
        {
            return;
        }

        Buffer.BlockCopy(_receiveBuffer, _receiveStart, target, 0, buffered);
        if (!ReferenceEquals(target, _receiveBuffer))
        {
            ArrayPool<byte>.Shared.Return(_receiveBuffer, clearArray: true);
            _receiveBuffer = target;
        }

        _receiveStart = 0;
        _receiveEnd = buffered;
    }

    /// <summary>
    /// Handles the transport's own messages (RFC 4253 §11, §7, RFC 8308) and returns true when it
    /// consumed <paramref name="payload"/>; false hands it to the layer above.
    /// </summary>
    private async ValueTask<bool> HandleTransportMessageAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var number = (MessageNumber)payload.Span[0];
        if (_strictKex && !_firstKeyExchangeDone && !IsKeyExchangeMessage(number) && number != MessageNumber.Disconnect)
        {
            // OpenSSH PROTOCOL §1.9: during the initial strict exchange anything else is fatal. A
            // DISCONNECT still ends the connection with the peer's reason: OpenSSH reads it below
            // its dispatch (packet.c), where the strict check lives.
            throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, $"unexpected message {(byte)number} during the initial key exchange");
        }

        switch (number)
        {
            case MessageNumber.Disconnect:
                DisconnectMessage disconnect = DisconnectMessage.Read(payload.Span);
                var peerClosed = new SshConnectionException(disconnect.Reason, $"disconnected by peer: {disconnect.Description}");
                Abort(peerClosed);
                throw peerClosed;

            case MessageNumber.Ignore or MessageNumber.Debug or MessageNumber.Unimplemented:
                return true;

            case MessageNumber.ExtInfo:
                HandleExtInfo(payload.Span);
                return true;

            case MessageNumber.KexInit:
                HandleKexInit(payload.Span);
                return true;

            case MessageNumber.NewKeys:
                HandleNewKeys();
                return true;

            case >= MessageNumber.KexEcdhInit and <= (MessageNumber)49:
                await HandleKeyExchangeMethodMessageAsync(payload, cancellationToken).ConfigureAwait(false);
                return true;

            default:
                if (!_firstKeyExchangeDone)
                {
                    throw new SshProtocolException($"unexpected message {(byte)number} before the key exchange completed");
                }

                if (number is not (MessageNumber.ServiceRequest or MessageNumber.ServiceAccept) && number < MessageNumber.UserAuthRequest)
                {
                    // RFC 4253 §11.4: an unknown transport message gets UNIMPLEMENTED, not a disconnect.
                    SendUnimplemented(LastReceivedSequenceNumber);
                    return true;
                }

                CheckRekeyNeeded();
                return false;
        }
    }

    private static bool IsKeyExchangeMessage(MessageNumber number) =>
        number is MessageNumber.KexInit or MessageNumber.NewKeys or (>= MessageNumber.KexEcdhInit and <= (MessageNumber)49);

    private void HandleExtInfo(ReadOnlySpan<byte> payload)
    {
        ExtInfoMessage info = ExtInfoMessage.Read(payload);
        PeerExtensions = info.Extensions;
        _logger.LogDebug("peer extensions: {Extensions}", string.Join(", ", info.Extensions.Keys));
    }

    /// <summary>Extensions the peer announced with SSH_MSG_EXT_INFO, such as <c>server-sig-algs</c>.</summary>
    public IReadOnlyDictionary<string, string> PeerExtensions { get; private set; } = new Dictionary<string, string>();

    private void ReturnReceiveBuffer()
    {
        byte[] buffer = _receiveBuffer;
        _receiveBuffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
