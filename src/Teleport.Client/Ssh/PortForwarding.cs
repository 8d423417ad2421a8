using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Teleport.Ssh;
using Teleport.Ssh.Connection;

namespace Teleport.Client.Ssh;

/// <summary>ssh -L and -R over a node connection (RFC 4254 §7).</summary>
public static class PortForwarding
{
    /// <summary>
    /// Listens on the -L bind address and port; every connection becomes a direct-tcpip channel to
    /// host:hostport as the node sees it. Returns the listener; disposing it stops forwarding.
    /// </summary>
    public static Socket StartLocal(SshConnection node, ForwardSpec forward)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(forward);
        var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Parse(forward.BindAddress == "localhost" ? "127.0.0.1" : forward.BindAddress), forward.BindPort));
            listener.Listen(64);
        }
        catch (Exception e) when (e is SocketException or FormatException)
        {
            listener.Dispose();
            throw new ClientException($"cannot listen on {forward.BindAddress}:{forward.BindPort} for -L: {e.Message}", e);
        }

        _ = AcceptLoopAsync(listener, node, forward);
        return listener;
    }

    /// <summary>Asks the node to listen for -R (a tcpip-forward global request); connections come back as forwarded-tcpip channels.</summary>
    public static async Task RequestRemoteAsync(SshConnection node, ForwardSpec forward)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(forward);
        byte[] address = Encoding.UTF8.GetBytes(forward.BindAddress);
        byte[] data = new byte[4 + address.Length + 4];
        BinaryPrimitives.WriteUInt32BigEndian(data, (uint)address.Length);
        address.CopyTo(data, 4);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4 + address.Length), (uint)forward.BindPort);
        GlobalRequestReply reply = await node.SendGlobalRequestAsync("tcpip-forward", wantReply: true, data).ConfigureAwait(false);
        if (!reply.Success)
        {
            throw new ClientException($"the node refused remote port forwarding on {forward.BindAddress}:{forward.BindPort}");
        }
    }

    private static async Task AcceptLoopAsync(Socket listener, SshConnection node, ForwardSpec forward)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardOneAsync(client, node, forward);
        }
    }

    private static async Task ForwardOneAsync(Socket client, SshConnection node, ForwardSpec forward)
    {
        using var stream = new NetworkStream(client, ownsSocket: true);
        var origin = client.RemoteEndPoint as IPEndPoint;
        SshChannel channel;
        try
        {
            channel = await node.OpenDirectTcpIpAsync(forward.Host, forward.HostPort, origin?.Address.ToString() ?? "127.0.0.1", origin?.Port ?? 0).ConfigureAwait(false);
        }
        catch (SshException e)
        {
            await Console.Error.WriteLineAsync($"channel: open failed: {forward.Host}:{forward.HostPort}: {e.Message}").ConfigureAwait(false);
            return;
        }

        await ChannelPipe.RunAsync(channel, stream).ConfigureAwait(false);
    }
}
