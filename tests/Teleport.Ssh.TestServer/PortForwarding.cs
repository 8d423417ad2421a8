using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Teleport.Ssh.Connection;

namespace Teleport.Ssh.TestServer;

/// <summary>ssh -L (direct-tcpip channels) and ssh -R (tcpip-forward requests) on the server side (RFC 4254 §7).</summary>
internal static class PortForwarding
{
    private static readonly ConditionalWeakTable<SshConnection, Dictionary<(string, uint), Socket>> Listeners = [];

    public static async Task OpenDirectAsync(ChannelOpenRequest request, CancellationToken cancellationToken)
    {
        TcpIpChannelInfo target = request.ReadTcpIpInfo();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target.Host, (int)target.Port, cancellationToken);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            request.Reject(ChannelOpenFailureReason.ConnectFailed, e.Message);
            return;
        }

        SshChannel channel = request.Accept();
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        await Bridge.RunAsync(channel, stream);
    }

    public static ValueTask<GlobalRequestReply> HandleAsync(GlobalRequest request)
    {
        var reader = new SshDataReader(request.Data.Span);
        string address = reader.ReadString(256);
        uint port = reader.ReadUInt32();
        Dictionary<(string, uint), Socket> listeners = Listeners.GetOrCreateValue(request.Connection);
        if (request.Name == "cancel-tcpip-forward")
        {
            lock (listeners)
            {
                if (!listeners.Remove((address, port), out Socket? listener))
                {
                    return ValueTask.FromResult(GlobalRequestReply.Failure);
                }

                listener.Dispose();
                return ValueTask.FromResult(GlobalRequestReply.Succeeded);
            }
        }

        if (request.Name != "tcpip-forward" || port > 65535)
        {
            return ValueTask.FromResult(GlobalRequestReply.Failure);
        }

        IPAddress bindAddress = address is "" or "localhost" ? IPAddress.Loopback : IPAddress.TryParse(address, out IPAddress? parsed) ? parsed : IPAddress.Loopback;
        var socket = new Socket(bindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(bindAddress, (int)port));
            socket.Listen(16);
        }
        catch (SocketException)
        {
            socket.Dispose();
            return ValueTask.FromResult(GlobalRequestReply.Failure);
        }

        uint bound = (uint)((IPEndPoint)socket.LocalEndPoint!).Port;
        lock (listeners)
        {
            listeners[(address, port == 0 ? bound : port)] = socket;
        }

        _ = AcceptLoopAsync(request.Connection, socket, address, bound);
        _ = request.Connection.Completion.ContinueWith(_ => socket.Dispose(), TaskScheduler.Default);

        // RFC 4254 §7.1: when port 0 was asked for, the reply carries the port allocated.
        return ValueTask.FromResult(port == 0 ? new GlobalRequestReply(true, new byte[] { (byte)(bound >> 24), (byte)(bound >> 16), (byte)(bound >> 8), (byte)bound }) : GlobalRequestReply.Succeeded);
    }

    private static async Task AcceptLoopAsync(SshConnection connection, Socket listener, string address, uint port)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                var origin = (IPEndPoint)client.RemoteEndPoint!;
                await using var stream = new NetworkStream(client, ownsSocket: true);
                try
                {
                    SshChannel channel = await connection.OpenForwardedTcpIpAsync(new TcpIpChannelInfo(address, port, origin.Address.ToString(), (uint)origin.Port));
                    await Bridge.RunAsync(channel, stream);
                }
                catch (SshException)
                {
                    // The client refused the channel or is gone.
                }
            });
        }
    }
}
