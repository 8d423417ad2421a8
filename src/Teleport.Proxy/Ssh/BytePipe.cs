using System.Buffers;
using System.Net.Sockets;
using Teleport.Ssh;
using Teleport.Ssh.Connection;

namespace Teleport.Proxy.Ssh;

/// <summary>
/// Carries bytes both ways between a user's channel and a node's stream until both directions
/// are done. EOF is passed on each way on its own (half-close: the node's SSH server sees the
/// client's EOF while its own output still flows). Pooled 32 KiB buffers, no per-byte work.
/// </summary>
internal static class BytePipe
{
    private const int BufferSize = 32 * 1024;

    public static async Task RunAsync(SshChannel channel, Stream node)
    {
        Task toNode = UserToNodeAsync(channel, node);
        Task toUser = NodeToUserAsync(channel, node);

        // A channel closed by the user (or a dropped connection) ends the node side at once.
        _ = channel.Completion.ContinueWith(_ => node.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await Task.WhenAll(toNode, toUser).ConfigureAwait(false);
        channel.Close();
        await node.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task UserToNodeAsync(SshChannel channel, Stream node)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await channel.ReadAsync(buffer.AsMemory(0, BufferSize)).ConfigureAwait(false)) > 0)
            {
                await node.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }

            HalfClose(node);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or SshException)
        {
            await node.DisposeAsync().ConfigureAwait(false);
            channel.Close();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task NodeToUserAsync(SshChannel channel, Stream node)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await node.ReadAsync(buffer.AsMemory(0, BufferSize)).ConfigureAwait(false)) > 0)
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
    /// No more bytes from the user: a socket is shut down for sending, so the node reads EOF and
    /// can still answer. A stream without half-close (a tunnel's) is left open until the node ends.
    /// </summary>
    private static void HalfClose(Stream node)
    {
        if (node is NetworkStream network)
        {
            try
            {
                network.Socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The node went away meanwhile; the other direction ends on its own.
            }
        }
    }
}
