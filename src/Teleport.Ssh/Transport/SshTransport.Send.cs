using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Threading.Channels;
using Teleport.Ssh.Crypto.Ciphers;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Transport;

internal sealed partial class SshTransport
{
    private const int BatchSize = 64 * 1024;

    /// <summary>
    /// What a queued packet holds beyond its payload (its writer and the rest of its pooled
    /// buffer), counted so that a flood of tiny packets weighs what it costs.
    /// </summary>
    private const int QueuedPacketOverhead = 256;

    /// <summary>
    /// Queued bytes, as multiples of <see cref="TransportSettings.MaxQueuedBytes"/>, beyond which
    /// the peer is taken to have stopped reading. Producers that wait (<see cref="SendAsync"/>)
    /// overshoot the limit by one packet each (256 channels of 64 KiB is 16 MiB); only replies
    /// queued for a peer that keeps sending and never reads get this far. OpenSSH gives up the
    /// same way when its output buffer reaches its maximum.
    /// </summary>
    private const int StalledPeerFactor = 32;

    // Send loop state: touched only by the send loop.
    private PacketCipher _sendCipher;
    private uint _sendSequence;
    private long _bytesSentSinceKex;
    private byte[]? _batch;
    private int _batchLength;

    // Shared with producers.
    private long _queuedBytes;
    private readonly Lock _capacityLock = new();
    private TaskCompletionSource? _capacityWaiter;

    /// <summary>
    /// Queues a packet built with <see cref="SshWriter.ForPacket"/>; the transport owns it from
    /// here and disposes it. Never waits, so the receive path may call it; producers of bulk data
    /// use <see cref="SendAsync"/> to be held back when the queue is full.
    /// </summary>
    public void Send(SshWriter packet)
    {
        long size = QueuedSize(packet);
        long queued = Interlocked.Add(ref _queuedBytes, size);
        if (!_sendQueue.Writer.TryWrite(packet))
        {
            Interlocked.Add(ref _queuedBytes, -size);
            packet.Dispose();
        }
        else if (queued > _settings.MaxQueuedBytes * StalledPeerFactor)
        {
            // Nothing can reach a peer that does not read, not even a DISCONNECT: just drop it.
            Abort(new SshConnectionException(DisconnectReason.ConnectionLost, $"the peer stopped reading: {queued / (1024 * 1024)} MiB waiting to be sent"));
        }
    }

    private static long QueuedSize(SshWriter packet) => packet.Length + QueuedPacketOverhead;

    /// <summary>Queues a packet, then waits while more than the allowed bytes are queued.</summary>
    public ValueTask SendAsync(SshWriter packet, CancellationToken cancellationToken)
    {
        Send(packet);
        if (_closeReason is not null)
        {
            return ValueTask.FromException(Closed());
        }

        return Interlocked.Read(ref _queuedBytes) <= _settings.MaxQueuedBytes
            ? ValueTask.CompletedTask
            : WaitForCapacityAsync(cancellationToken);
    }

    /// <summary>Sends SSH_MSG_UNIMPLEMENTED for a packet we cannot handle (RFC 4253 §11.4).</summary>
    public void SendUnimplemented(uint sequenceNumber)
    {
        SshWriter writer = SshWriter.ForPacket(MessageNumber.Unimplemented);
        writer.WriteUInt32(sequenceNumber);
        Send(writer);
    }

    private async ValueTask WaitForCapacityAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (_capacityLock)
        {
            if (Interlocked.Read(ref _queuedBytes) <= _settings.MaxQueuedBytes)
            {
                return;
            }

            _capacityWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _capacityWaiter.Task;
        }

        await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void ReleaseSendWaiters(Exception? error)
    {
        TaskCompletionSource? waiter;
        lock (_capacityLock)
        {
            waiter = _capacityWaiter;
            _capacityWaiter = null;
        }

        if (error is null)
        {
            waiter?.TrySetResult();
        }
        else
        {
            waiter?.TrySetException(Closed());
        }
    }

    /// <summary>
    /// The only code that frames, encrypts and writes packets, so sequence numbers and cipher
    /// switches happen in send order. Between our KEXINIT and our NEWKEYS only transport and key
    /// exchange messages leave (RFC 4253 §7.1); the rest wait in order and follow the NEWKEYS.
    /// </summary>
    private async Task SendLoopAsync()
    {
        ChannelReader<SshWriter> reader = _sendQueue.Reader;
        var held = new Queue<SshWriter>();
        bool keyExchangeInProgress = false;
        try
        {
            while (true)
            {
                SshWriter? packet;
                if (!keyExchangeInProgress && held.Count > 0)
                {
                    packet = held.Dequeue();
                }
                else if (!reader.TryRead(out packet))
                {
                    await FlushBatchAsync().ConfigureAwait(false);
                    if (!await reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
                    {
                        break;
                    }

                    continue;
                }

                var number = (MessageNumber)packet.Buffer[packet.Start];
                if (keyExchangeInProgress && !MayBeSentDuringKeyExchange(number))
                {
                    held.Enqueue(packet);
                    continue;
                }

                keyExchangeInProgress |= number == MessageNumber.KexInit;
                await WritePacketAsync(packet, reader).ConfigureAwait(false);
                if (number == MessageNumber.NewKeys)
                {
                    SwitchSendCipher();
                    keyExchangeInProgress = false;
                }
                else if (number == MessageNumber.Disconnect)
                {
                    await FlushBatchAsync().ConfigureAwait(false);
                    break;
                }

                CheckRekeyNeededForSending();
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // Aborted: nothing more may be sent.
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SshConnectionException)
        {
            Abort(new SshConnectionException(DisconnectReason.ConnectionLost, "connection lost while sending: " + e.Message, e));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Anything else is a bug, but it must still end the connection, never leave it half alive.
            Abort(new SshConnectionException(DisconnectReason.ProtocolError, "internal error while sending: " + e.Message, e));
        }
        finally
        {
            foreach (SshWriter packet in held)
            {
                packet.Dispose();
            }

            while (reader.TryRead(out SshWriter? left))
            {
                left.Dispose();
            }

            if (_batch is not null)
            {
                ArrayPool<byte>.Shared.Return(_batch, clearArray: true);
                _batch = null;
            }

            _sendCipher.Dispose();
            while (_pendingSendCiphers.TryDequeue(out PacketCipher? unused))
            {
                unused.Dispose();
            }
        }
    }

    /// <summary>RFC 4253 §7.1: generic transport messages except service requests, and key exchange messages.</summary>
    private static bool MayBeSentDuringKeyExchange(MessageNumber number) =>
        number is MessageNumber.Disconnect or MessageNumber.Ignore or MessageNumber.Unimplemented or MessageNumber.Debug
            or MessageNumber.NewKeys or (>= MessageNumber.KexEcdhInit and <= (MessageNumber)49);

    /// <summary>Frames and encrypts the packet in its own buffer, then writes it or adds it to the batch.</summary>
    private async ValueTask WritePacketAsync(SshWriter packet, ChannelReader<SshWriter> reader)
    {
        long queuedSize = QueuedSize(packet);
        int framed = Frame(packet);
        try
        {
            if (_batchLength > 0 && _batchLength + framed > BatchSize)
            {
                await FlushBatchAsync().ConfigureAwait(false);
            }

            // A lone packet, or one too big to batch, goes out straight from its own buffer.
            if (framed > BatchSize || (_batchLength == 0 && !reader.TryPeek(out _)))
            {
                await _stream.WriteAsync(packet.Buffer.AsMemory(0, framed), _closing.Token).ConfigureAwait(false);
            }
            else
            {
                _batch ??= ArrayPool<byte>.Shared.Rent(BatchSize);
                packet.Buffer.AsSpan(0, framed).CopyTo(_batch.AsSpan(_batchLength));
                _batchLength += framed;
            }
        }
        finally
        {
            packet.Dispose();
            _bytesSentSinceKex += framed;
            if (Interlocked.Add(ref _queuedBytes, -queuedSize) <= _settings.MaxQueuedBytes / 2)
            {
                ReleaseSendWaiters(error: null);
            }
        }
    }

    private async ValueTask FlushBatchAsync()
    {
        if (_batchLength == 0)
        {
            return;
        }

        int length = _batchLength;
        _batchLength = 0;
        await _stream.WriteAsync(_batch.AsMemory(0, length), _closing.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes packet_length and padding_length in front of the payload, random padding after it,
    /// encrypts in place and appends the MAC (RFC 4253 §6). Returns the bytes to send.
    /// </summary>
    private int Frame(SshWriter packet)
    {
        PacketCipher cipher = _sendCipher;
        int payloadLength = packet.Length;
        int blockSize = cipher.BlockSize;
        int aligned = (cipher.LengthExcludedFromPadding ? 0 : 4) + 1 + payloadLength;
        int padding = blockSize - (aligned % blockSize);
        if (padding < 4)
        {
            padding += blockSize;
        }

        int packetLength = 1 + payloadLength + padding;
        packet.EnsureCapacity(padding + cipher.MacSize);
        Span<byte> buffer = packet.Buffer;
        BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)packetLength);
        buffer[4] = (byte)padding;
        RandomNumberGenerator.Fill(buffer.Slice(5 + payloadLength, padding));
        cipher.Encrypt(_sendSequence, buffer[..(4 + packetLength)], buffer.Slice(4 + packetLength, cipher.MacSize));
        _sendSequence++;
        return 4 + packetLength + cipher.MacSize;
    }
}
