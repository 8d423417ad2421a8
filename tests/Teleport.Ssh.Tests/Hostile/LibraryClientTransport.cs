using System.Net;
using System.Net.Sockets;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Transport;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// The library's own transport as a client, for hostile messages that must travel encrypted: it
/// runs a real key exchange, then sends whatever payloads the test builds. It reads the server's
/// encrypted DISCONNECT, and the raw socket underneath shows the close that follows.
/// </summary>
internal sealed class LibraryClientTransport : IAsyncDisposable
{
    private readonly RawSshPeer _socket;

    private LibraryClientTransport(RawSshPeer socket, TamperingStream wire, SshTransport transport)
    {
        _socket = socket;
        Wire = wire;
        Transport = transport;
    }

    public SshTransport Transport { get; }

    /// <summary>The bytes between the transport and the socket, to damage on their way out.</summary>
    public TamperingStream Wire { get; }

    public static async Task<LibraryClientTransport> ConnectAsync(IPEndPoint endPoint, SshPublicKey hostKey, SshAlgorithms? algorithms = null)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint);
        var wire = new TamperingStream(new NetworkStream(socket, ownsSocket: false));
        var transport = new SshTransport(wire, new TransportSettings
        {
            IsServer = false,
            Algorithms = algorithms ?? new SshAlgorithms(),
            SoftwareVersion = HostileMessages.ClientVersion,
            HostKeyVerifier = (key, _) => ValueTask.FromResult(key.Equals(hostKey)),
        });
        using var deadline = new CancellationTokenSource(RawSshPeer.Deadline);
        await transport.HandshakeAsync(deadline.Token);
        return new LibraryClientTransport(new RawSshPeer(socket), wire, transport);
    }

    /// <summary>Queues <paramref name="payload"/> as one packet, whatever it holds.</summary>
    public void Send(ReadOnlySpan<byte> payload) => Transport.Send(HostileMessages.ToPacket(payload));

    /// <summary>The next message that is not the transport's own, copied.</summary>
    public async Task<byte[]> ReceiveAsync()
    {
        using var deadline = new CancellationTokenSource(RawSshPeer.Deadline);
        return (await Transport.ReceiveAsync(deadline.Token)).ToArray();
    }

    /// <summary>
    /// Reads until the server's SSH_MSG_DISCONNECT, which must carry <paramref name="reason"/>
    /// (messages before it are skipped), then waits for the server to close the socket.
    /// </summary>
    public async Task<string> ExpectDisconnectAsync(DisconnectReason reason)
    {
        SshConnectionException error = await Assert.ThrowsAnyAsync<SshConnectionException>(async () =>
        {
            while (true)
            {
                await ReceiveAsync();
            }
        });
        Assert.True(
            error.Message.StartsWith("disconnected by peer", StringComparison.Ordinal) && error.Reason == reason,
            $"expected SSH_MSG_DISCONNECT with {reason}, got {error.Reason}: {error.Message}");
        await _socket.ExpectCloseAsync();
        return error.Message;
    }

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync();
        _socket.Dispose();
    }
}
