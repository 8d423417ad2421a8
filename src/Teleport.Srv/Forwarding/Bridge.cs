using System.Buffers;
using System.Net.Sockets;
using Teleport.Ssh;
using Teleport.Ssh.Connection;

namespace Teleport.Srv.Forwarding;

/// <summary>Copies both ways between a channel and a socket stream, passing on EOF each way, until both are done.</summary>
internal static class Bridge
{
    private const int BufferSize = 32 * 1024;

    /// <param name="onClientData">Called for every chunk from the client (the idle clock).</param>
    public static async Task RunAsync(SshChannel channel, NetworkStream stream, Action onClientData)
    {
        Task toChannel = CopyToChannelAsync(channel, stream);
        Task toStream = CopyToStreamAsync(channel, stream, onClientData);
        await Task.WhenAll(toChannel, toStream).ConfigureAwait(false);
        channel.Close();
    }

    private static async Task CopyToChannelAsync(SshChannel channel, NetworkStream stream)
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

    private static async Task CopyToStreamAsync(SshChannel channel, NetworkStream stream, Action onClientData)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await channel.ReadAsync(buffer.AsMemory(0, BufferSize)).ConfigureAwait(false)) > 0)
            {
                onClientData();
                await stream.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }

            stream.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or SshException)
        {
            stream.Socket.Dispose();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
