using System.Net;
using System.Net.Sockets;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Transport;

namespace Teleport.Ssh.Tests.Transport;

/// <summary>A client and a server transport joined over a loopback TCP connection.</summary>
internal sealed class TransportPair : IAsyncDisposable
{
    private TransportPair(SshTransport client, SshTransport server)
    {
        Client = client;
        Server = server;
    }

    public SshTransport Client { get; }

    public SshTransport Server { get; }

    public static async Task<TransportPair> ConnectAsync(
        ISshSigner hostKey,
        SshAlgorithms? clientAlgorithms = null,
        SshAlgorithms? serverAlgorithms = null,
        long rekeyAfterBytes = 1L << 30)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var clientSocket = new TcpClient();
        Task connect = clientSocket.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        TcpClient serverSocket = await listener.AcceptTcpClientAsync();
        await connect;

        var server = new SshTransport(serverSocket.GetStream(), new TransportSettings
        {
            IsServer = true,
            Algorithms = serverAlgorithms ?? new SshAlgorithms(),
            HostKeys = [hostKey],
            RekeyAfterBytes = rekeyAfterBytes,
        });
        var client = new SshTransport(clientSocket.GetStream(), new TransportSettings
        {
            IsServer = false,
            Algorithms = clientAlgorithms ?? new SshAlgorithms(),
            HostKeyVerifier = (key, _) => ValueTask.FromResult(key.Equals(hostKey.PublicKey)),
            RekeyAfterBytes = rekeyAfterBytes,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Task.WhenAll(server.HandshakeAsync(timeout.Token), client.HandshakeAsync(timeout.Token));
        return new TransportPair(client, server);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
