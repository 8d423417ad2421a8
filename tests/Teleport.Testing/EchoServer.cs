using System.Net;
using System.Net.Sockets;

namespace Teleport.Testing;

/// <summary>A TCP server on loopback that sends back what it receives and closes after the client's end of input.</summary>
public sealed class EchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _accepting;

    public EchoServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted { get; private set; }

    /// <summary>Connects to <paramref name="port"/>, sends <paramref name="message"/> and reads as many bytes back.</summary>
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

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task AcceptAsync()
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

            Accepted++;
            _ = EchoAsync(client);
        }
    }

    private static async Task EchoAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                await stream.CopyToAsync(stream);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // The client reset the connection.
            }
        }
    }
}
