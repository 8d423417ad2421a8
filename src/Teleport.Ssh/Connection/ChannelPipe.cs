using System.Buffers;
using System.Net.Sockets;

namespace Teleport.Ssh.Connection;

/// <summary>
/// Carries bytes both ways between a channel and a stream (a forwarded socket, an agent socket, a
/// connection to a node) until both directions are done, as OpenSSH's channel loop does for a
/// forwarded fd. EOF is passed on each way on its own: the channel's EOF shuts a socket down for
/// sending while the answer still flows, and the stream's end sends EOF on the channel. An error
/// on either side, or the channel closing, ends both. Pooled 32 KiB buffers, no per-byte work.
/// </summary>
public static class ChannelPipe
{
    private const int BufferSize = 32 * 1024;

    /// <param name="channel">The channel; closed when the pipe ends.</param>
    /// <param name="stream">The other side; disposed when the pipe ends.</param>
    /// <param name="onChannelData">Called for every chunk from the channel (an idle clock), or null.</param>
    public static async Task RunAsync(SshChannel channel, Stream stream, Action? onChannelData = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(stream);
        Task toStream = ChannelToStreamAsync(channel, stream, onChannelData);
        Task toChannel = StreamToChannelAsync(stream, channel);

        _ = EndStreamWhenClosedAsync(channel, toStream, stream);
        await Task.WhenAll(toStream, toChannel).ConfigureAwait(false);
        channel.Close();
        await stream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A channel closed by the peer (or a dropped connection) ends the stream side too, so a read
    /// from the stream does not wait for a far end that will never be answered; but only once the
    /// data the channel delivered before closing has been written, or its last bytes would be lost.
    /// </summary>
    private static async Task EndStreamWhenClosedAsync(SshChannel channel, Task toStream, Stream stream)
    {
        await channel.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await toStream.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await stream.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ChannelToStreamAsync(SshChannel channel, Stream stream, Action? onChannelData)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await channel.ReadAsync(buffer.AsMemory(0, BufferSize)).ConfigureAwait(false)) > 0)
            {
                onChannelData?.Invoke();
                await stream.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }

            HalfClose(stream);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or SshException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            channel.Close();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task StreamToChannelAsync(Stream stream, SshChannel channel)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize)).ConfigureAwait(false)) > 0)
            {
                await channel.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }

            channel.SendEof();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or SshException)
        {
            channel.Close();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// No more bytes from the channel: a socket is shut down for sending, so the far end reads EOF
    /// and can still answer. A stream without half-close is left open until the other way ends.
    /// </summary>
    private static void HalfClose(Stream stream)
    {
        if (stream is NetworkStream network)
        {
            try
            {
                network.Socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The far end went away meanwhile; the other direction ends on its own.
            }
        }
    }
}
