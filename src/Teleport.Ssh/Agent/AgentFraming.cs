using System.Buffers;
using System.Buffers.Binary;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Agent;

/// <summary>
/// The agent protocol's framing (draft-miller-ssh-agent, "Protocol Messages"): every message is a uint32 length, then
/// that many bytes beginning with the message number. Lengths are checked before anything is
/// allocated: OpenSSH's agent refuses messages over 256 KiB and so do we.
/// </summary>
internal static class AgentFraming
{
    /// <summary>AGENT_MAX_LEN in OpenSSH's authfd.h: the largest message either side accepts.</summary>
    public const int MaxMessageLength = 256 * 1024;

    /// <summary>A writer for one message: a length placeholder that <see cref="WriteAsync"/> fills, then the message number.</summary>
    public static SshWriter Begin(AgentMessageNumber number, int capacity = 64)
    {
        var writer = new SshWriter(capacity + 5);
        writer.WriteUInt32(0);
        writer.WriteByte((byte)number);
        return writer;
    }

    /// <summary>Fills in the length of a message made by <see cref="Begin"/> and sends it.</summary>
    public static async ValueTask WriteAsync(Stream stream, SshWriter message, CancellationToken cancellationToken)
    {
        int length = message.Length - 4;
        if (length > MaxMessageLength)
        {
            throw new ArgumentException($"agent message of {length} bytes exceeds the limit of {MaxMessageLength}", nameof(message));
        }

        message.EndString(0);
        await stream.WriteAsync(message.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads one message. Returns null when the peer closed the stream between messages; throws
    /// <see cref="SshProtocolException"/> for an empty or oversized message or one cut short by the end of the stream.
    /// </summary>
    public static async ValueTask<AgentMessage?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] header = ArrayPool<byte>.Shared.Rent(4);
        uint length;
        try
        {
            int read = await stream.ReadAtLeastAsync(header.AsMemory(0, 4), 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            if (read < 4)
            {
                throw new SshProtocolException("agent connection closed inside a message length");
            }

            length = BinaryPrimitives.ReadUInt32BigEndian(header);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(header);
        }

        if (length is 0 or > MaxMessageLength)
        {
            throw new SshProtocolException($"agent message length {length} is outside 1..{MaxMessageLength}");
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)length);
        var message = new AgentMessage(buffer, (int)length);
        try
        {
            await stream.ReadExactlyAsync(buffer.AsMemory(0, (int)length), cancellationToken).ConfigureAwait(false);
            return message;
        }
        catch (EndOfStreamException e)
        {
            message.Dispose();
            throw new SshProtocolException("agent connection closed inside a message", e);
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }
}
