using Teleport.Api.ReverseTunnel;
using Teleport.Api.Types;
using Teleport.Proxy.Routing;
using Teleport.Ssh;
using Teleport.Ssh.Connection;

namespace Teleport.Proxy.ReverseTunnel;

/// <summary>
/// Reaches a node through its reverse tunnel when it has one connected here (a
/// <c>teleport-transport</c> channel whose stream carries the node's SSH bytes), otherwise
/// through <paramref name="direct"/>. A node that announced <c>use_tunnel</c> has no address to
/// dial: without a live tunnel it is offline, and the error says so.
/// </summary>
public sealed class TunnelNodeDialer(ReverseTunnelServer tunnels, INodeDialer? direct) : INodeDialer
{
    public ValueTask<Stream> DialAsync(Server node, int port, CancellationToken cancellationToken) =>
        DialAsync(node, port, clientAddress: null, cancellationToken);

    /// <summary>As <see cref="DialAsync(Server, int, CancellationToken)"/>; <paramref name="clientAddress"/> (the user's) is passed to the node for its audit log.</summary>
    public async ValueTask<Stream> DialAsync(Server node, int port, string? clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        string hostId = node.Metadata.Name;
        if (tunnels.TryGetTunnel(hostId, out SshConnection? tunnel))
        {
            var request = new TransportRequest($"{hostId}:{port}", clientAddress ?? string.Empty);
            try
            {
                SshChannel channel = await tunnel.OpenChannelAsync(TransportRequest.ChannelType, request.Write(), requestHandler: null, cancellationToken).ConfigureAwait(false);
                return new TransportStream(channel);
            }
            catch (SshException e) when (node.Spec.UseTunnel)
            {
                throw new RoutingException($"node {Name(node)} could not be reached through its reverse tunnel: {e.Message}", e);
            }
            catch (SshException) when (direct is not null)
            {
                // A node that also listens directly: the tunnel just went away, try its address.
            }
        }

        if (node.Spec.UseTunnel || direct is null)
        {
            throw new RoutingException($"node {Name(node)} is offline: its reverse tunnel is not connected");
        }

        return await direct.DialAsync(node, port, cancellationToken).ConfigureAwait(false);
    }

    private static string Name(Server node) => string.IsNullOrEmpty(node.Spec.Hostname) ? node.Metadata.Name : node.Spec.Hostname;
}
