using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Teleport.Srv.Audit;
using Teleport.Srv.Sessions;
using Teleport.Ssh;
using Teleport.Ssh.Connection;

namespace Teleport.Srv.Forwarding;

/// <summary>
/// <c>ssh -L</c> (direct-tcpip channels) and <c>ssh -R</c> (tcpip-forward requests), RFC 4254 §7,
/// when the user's roles allow port forwarding and the certificate permits it. Every forward is
/// audited as Teleport's <c>port</c> event.
/// </summary>
internal sealed class PortForwarding(NodeConnection connection)
{
    private const string TcpIpForward = "tcpip-forward";
    private const string CancelTcpIpForward = "cancel-tcpip-forward";
    private readonly Dictionary<(string Address, uint Port), Socket> _listeners = [];
    private readonly ILogger _logger = connection.Node.LoggerFactory.CreateLogger("node");

    private bool Allowed => connection.User.Access.Options.CanPortForward
        && connection.User.Certificate.Extensions.ContainsKey("permit-port-forwarding");

    public async Task OpenDirectAsync(ChannelOpenRequest request, CancellationToken cancellationToken)
    {
        TcpIpChannelInfo target = request.ReadTcpIpInfo();
        string address = $"{target.Host}:{target.Port}";
        if (!Allowed)
        {
            Audit(address, error: "port forwarding is not allowed by the user's roles");
            request.Reject(ChannelOpenFailureReason.AdministrativelyProhibited, $"port forwarding is not allowed for {connection.User.UserName} on {connection.Node.NodeName}");
            return;
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target.Host, (int)target.Port, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            Audit(address, error: e.Message);
            request.Reject(ChannelOpenFailureReason.ConnectFailed, $"connect to {address} failed: {e.Message}");
            return;
        }

        Audit(address, error: null);
        SshChannel channel = request.Accept();
        var stream = new NetworkStream(socket, ownsSocket: true);
        await using (stream.ConfigureAwait(false))
        {
            await ChannelPipe.RunAsync(channel, stream, connection.Touch).ConfigureAwait(false);
        }
    }

    public ValueTask<GlobalRequestReply> HandleGlobalRequestAsync(GlobalRequest request)
    {
        connection.Touch();
        if (request.Name is not (TcpIpForward or CancelTcpIpForward))
        {
            return ValueTask.FromResult(GlobalRequestReply.Failure);
        }

        var reader = new SshDataReader(request.Data.Span);
        string address = reader.ReadString(256);
        uint port = reader.ReadUInt32();
        if (request.Name == CancelTcpIpForward)
        {
            lock (_listeners)
            {
                if (!_listeners.Remove((address, port), out Socket? listener))
                {
                    return ValueTask.FromResult(GlobalRequestReply.Failure);
                }

                listener.Dispose();
                return ValueTask.FromResult(GlobalRequestReply.Succeeded);
            }
        }

        string described = $"{address}:{port}";
        if (!Allowed)
        {
            Audit(described, error: "port forwarding is not allowed by the user's roles");
            return ValueTask.FromResult(GlobalRequestReply.Failure);
        }

        // sshd's rule: only root may listen on a privileged port.
        if (port > 65535 || (port is > 0 and < 1024 && connection.User.Login != "root"))
        {
            Audit(described, error: "privileged or invalid port");
            return ValueTask.FromResult(GlobalRequestReply.Failure);
        }

        // sshd's default GatewayPorts=no: a remote forward listens on loopback only, whatever
        // address the client named, so it never opens a port to the network by surprise.
        IPAddress bindAddress = IPAddress.Loopback;
        var socket = new Socket(bindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(bindAddress, (int)port));
            socket.Listen(64);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            Audit(described, error: e.Message);
            return ValueTask.FromResult(GlobalRequestReply.Failure);
        }

        uint bound = (uint)((IPEndPoint)socket.LocalEndPoint!).Port;
        lock (_listeners)
        {
            _listeners[(address, port == 0 ? bound : port)] = socket;
        }

        Audit($"{address}:{bound}", error: null);
        _ = AcceptLoopAsync(socket, address, bound);
        _ = connection.Connection.Completion.ContinueWith(_ => socket.Dispose(), TaskScheduler.Default);

        // RFC 4254 §7.1: when port 0 was asked for, the reply carries the port allocated.
        if (port != 0)
        {
            return ValueTask.FromResult(GlobalRequestReply.Succeeded);
        }

        byte[] allocated = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(allocated, bound);
        return ValueTask.FromResult(new GlobalRequestReply(true, allocated));
    }

    private async Task AcceptLoopAsync(Socket listener, string address, uint port)
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

            _ = ForwardAsync(client, address, port);
        }
    }

    private async Task ForwardAsync(Socket client, string address, uint port)
    {
        var origin = (IPEndPoint)client.RemoteEndPoint!;
        var stream = new NetworkStream(client, ownsSocket: true);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                SshChannel channel = await connection.Connection.OpenForwardedTcpIpAsync(new TcpIpChannelInfo(address, port, origin.Address.ToString(), (uint)origin.Port)).ConfigureAwait(false);
                await ChannelPipe.RunAsync(channel, stream, connection.Touch).ConfigureAwait(false);
            }
            catch (SshException e)
            {
                _logger.LogDebug("Remote forward {Address}:{Port}: the client refused the channel: {Error}", address, port, e.Message);
            }
        }
    }

    private void Audit(string address, string? error)
    {
        AuditEventBuilder auditEvent = connection.Node.Event(AuditEventCodes.PortForward, error is null ? AuditEventCodes.PortForwardCode : AuditEventCodes.PortForwardFailureCode)
            .Set("user", connection.User.UserName)
            .Set("login", connection.User.Login)
            .Set("addr", address)
            .Set("addr.remote", connection.Remote?.ToString())
            .Set("addr.local", connection.Local?.ToString())
            .Set("success", error is null)
            .Set("error", error);
        connection.Node.Audit.Emit(auditEvent);
    }
}
