using System.Net.Sockets;
using Teleport.Api.Types;

namespace Teleport.Proxy.Routing;

/// <summary>
/// Dials a node's advertised address over TCP (TCP_NODELAY, bounded connect time). The port asked
/// for is not used: the proxy carries users to a node's SSH port only, never elsewhere.
/// </summary>
public sealed class DirectNodeDialer(TimeSpan connectTimeout) : INodeDialer
{
    public DirectNodeDialer()
        : this(TimeSpan.FromSeconds(10))
    {
    }

    public async ValueTask<Stream> DialAsync(Server node, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        string name = node.Spec.Hostname ?? node.Metadata.Name;
        if (NodeMatcher.SplitAddr(node.Spec.Addr) is not { } addr)
        {
            throw new RoutingException($"node \"{name}\" advertises no address to dial ({node.Spec.Addr ?? "none"})");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        try
        {
            await socket.ConnectAsync(addr.Host, addr.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            string why = e is SocketException socketError ? socketError.Message : $"no answer within {connectTimeout.TotalSeconds:0} s";
            throw new RoutingException($"cannot connect to node \"{name}\" at {node.Spec.Addr}: {why}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new NetworkStream(socket, ownsSocket: true);
    }
}
