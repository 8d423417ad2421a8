using System.Net;
using System.Net.Sockets;

namespace Teleport.Ssh.Tests.Support;

/// <summary>A loopback TCP server that echoes every byte back, for port forwarding tests.</summary>
internal sealed class EchoServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public EchoServer()
    {
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connects to <paramref name="port"/>, sends <paramref name="message"/> and reads the echo.</summary>
    public static async Task<string> RoundTripAsync(int port, string message)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        NetworkStream stream = client.GetStream();
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(message);
        await stream.WriteAsync(bytes);
        byte[] echo = new byte[bytes.Length];
        await stream.ReadExactlyAsync(echo).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        return System.Text.Encoding.UTF8.GetString(echo);
    }

    public void Dispose() => _listener.Stop();

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await client.GetStream().CopyToAsync(client.GetStream());
                    }
                    catch (IOException)
                    {
                        // The peer went away.
                    }
                }
            });
        }
    }
}
