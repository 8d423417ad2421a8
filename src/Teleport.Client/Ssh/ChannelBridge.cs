using System.Net.Sockets;
using Teleport.Ssh;
using Teleport.Ssh.Connection;

namespace Teleport.Client.Ssh;

/// <summary>Copies both ways between a channel and a stream (a forwarded socket, the agent), passing EOF on.</summary>
internal static class ChannelBridge
{
    public static async Task RunAsync(SshChannel channel, Stream stream)
    {
        Task toChannel = CopyToChannelAsync(stream, channel);
        Task toStream = CopyToStreamAsync(channel, stream);
        await Task.WhenAll(toChannel, toStream).ConfigureAwait(false);
        channel.Close();
    }

    private static async Task CopyToChannelAsync(Stream stream, SshChannel channel)
    {
        byte[] buffer = new byte[32 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await channel.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or SshException or ObjectDisposedException)
        {
            // Either side went away; the channel is closed below.
        }

        channel.SendEof();
    }

    private static async Task CopyToStreamAsync(SshChannel channel, Stream stream)
    {
        byte[] buffer = new byte[32 * 1024];
        try
        {
            int read;
            while ((read = await channel.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }

            if (stream is NetworkStream network)
            {
                network.Socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or SshException or ObjectDisposedException)
        {
            // Either side went away.
        }
    }
}
