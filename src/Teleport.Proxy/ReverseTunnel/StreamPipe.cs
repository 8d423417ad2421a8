using System.Buffers;
using System.Net.Sockets;
using Teleport.Api.ReverseTunnel;
using Teleport.Ssh;

namespace Teleport.Proxy.ReverseTunnel;

/// <summary>Copies both ways between a tunnel channel and a socket, passing on EOF each way, until both directions end; an error ends both.</summary>
internal static class StreamPipe
{
    private const int BufferSize = 32 * 1024;

    public static async Task RunAsync(TransportStream a, NetworkStream b)
    {
        Task toB = CopyAsync(a, b, () => b.Socket.Shutdown(SocketShutdown.Send));
        Task toA = CopyAsync(b, a, a.Channel.SendEof);
        await Task.WhenAll(toA, toB).ConfigureAwait(false);
        await a.DisposeAsync().ConfigureAwait(false);
        await b.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task CopyAsync(Stream from, Stream to, Action endOfData)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer.AsMemory(0, BufferSize)).ConfigureAwait(false)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }

            endOfData();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or SshException)
        {
            from.Dispose();
            to.Dispose();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
