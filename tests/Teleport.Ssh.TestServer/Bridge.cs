using Teleport.Ssh.Connection;

namespace Teleport.Ssh.TestServer;

/// <summary>Copies both ways between a channel and a stream, passing on EOF each way, until both are done.</summary>
internal static class Bridge
{
    public static async Task RunAsync(SshChannel channel, Stream stream)
    {
        Task toChannel = Task.Run(async () =>
        {
            byte[] buffer = new byte[32 * 1024];
            int read;
            try
            {
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    await channel.WriteAsync(buffer.AsMemory(0, read));
                }
            }
            catch (IOException)
            {
                // Either side went away.
            }

            channel.SendEof();
        });
        Task toStream = Task.Run(async () =>
        {
            byte[] buffer = new byte[32 * 1024];
            int read;
            try
            {
                while ((read = await channel.ReadAsync(buffer)) > 0)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, read));
                }

                if (stream is System.Net.Sockets.NetworkStream network)
                {
                    network.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
                }
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                // Either side went away.
            }
        });
        await Task.WhenAll(toChannel, toStream);
        channel.Close();
    }
}
