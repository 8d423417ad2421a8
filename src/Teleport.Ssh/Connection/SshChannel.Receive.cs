using System.Buffers;
using System.IO.Pipelines;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Connection;

public sealed partial class SshChannel
{
    /// <summary>Extended data type code for stderr (RFC 4254 §5.2).</summary>
    public const uint ExtendedDataStderr = 1;

    private static readonly PipeOptions ReceivePipeOptions = new(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false);

    // What the peer may still send us (RFC 4254 §5.2); the window bounds the buffered data.
    private readonly uint _localWindowSize;
    private long _localWindow;
    private long _consumedSinceAdjust;
    private readonly Pipe _data = new(ReceivePipeOptions);
    private readonly Pipe _extended = new(ReceivePipeOptions);
    private int _receivingCompleted;

    /// <summary>Reads channel data; 0 at EOF.</summary>
    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadFromAsync(_data.Reader, buffer, cancellationToken);

    /// <summary>Reads extended data of type 1 (stderr); 0 at EOF.</summary>
    public ValueTask<int> ReadExtendedAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadFromAsync(_extended.Reader, buffer, cancellationToken);

    private async ValueTask<int> ReadFromAsync(PipeReader reader, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        ReadOnlySequence<byte> available = result.Buffer;
        int count = (int)Math.Min(available.Length, buffer.Length);
        available.Slice(0, count).CopyTo(buffer.Span);
        reader.AdvanceTo(available.GetPosition(count));
        if (count == 0 && result.IsCompleted)
        {
            return 0;
        }

        Consumed(count);
        return count;
    }

    /// <summary>SSH_MSG_CHANNEL_DATA / EXTENDED_DATA from the connection's receive loop: buffer it, never wait.</summary>
    internal void OnData(ReadOnlySpan<byte> data, uint extendedType)
    {
        if (data.Length > Interlocked.Read(ref _localWindow))
        {
            throw new SshProtocolException($"channel {LocalId}: peer sent {data.Length} bytes beyond the window");
        }

        Interlocked.Add(ref _localWindow, -data.Length);
        if (Volatile.Read(ref _receivingCompleted) != 0)
        {
            // Nobody will read it (EOF was sent by the peer already, or we stopped reading): give the window back.
            Consumed(data.Length);
            return;
        }

        PipeWriter writer;
        if (extendedType == 0)
        {
            writer = _data.Writer;
        }
        else if (extendedType == ExtendedDataStderr)
        {
            writer = _extended.Writer;
        }
        else
        {
            Consumed(data.Length);
            return;
        }

        writer.Write(data);

        // Flushed when the connection is about to wait for more packets (FlushReceived), so the
        // reader wakes once per read from the socket rather than once per packet.
        _connection.MarkForFlush(this);
    }

    /// <summary>Makes buffered data visible to readers. The pipes never pause (the window is the limit), so this completes at once.</summary>
    internal void FlushReceived()
    {
        if (Volatile.Read(ref _receivingCompleted) != 0)
        {
            return;
        }

        _ = _data.Writer.FlushAsync(CancellationToken.None);
        _ = _extended.Writer.FlushAsync(CancellationToken.None);
    }

    /// <summary>The application read <paramref name="count"/> bytes: reopen the window once half of it is used.</summary>
    private void Consumed(int count)
    {
        long consumed = Interlocked.Add(ref _consumedSinceAdjust, count);
        if (consumed < _localWindowSize / 2)
        {
            return;
        }

        long adjust = Interlocked.Exchange(ref _consumedSinceAdjust, 0);
        if (adjust <= 0 || _abortReason is not null)
        {
            return;
        }

        Interlocked.Add(ref _localWindow, adjust);
        SshWriter message = SshWriter.ForPacket(MessageNumber.ChannelWindowAdjust, 16);
        message.WriteUInt32(RemoteId);
        message.WriteUInt32((uint)adjust);
        _connection.Send(message);
    }

    private void CompleteReceiving(Exception? error)
    {
        FlushReceived();
        if (Interlocked.Exchange(ref _receivingCompleted, 1) != 0)
        {
            return;
        }

        _data.Writer.Complete(error);
        _extended.Writer.Complete(error);
    }
}
