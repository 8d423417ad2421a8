using Teleport.Api.Types;

namespace Teleport.Proxy.Routing;

/// <summary>
/// Opens a byte stream to a node's SSH port: straight to its advertised address, or through the
/// reverse tunnel the node keeps to this proxy. The SSH session itself stays end-to-end between
/// the client and the node; the proxy only carries bytes.
/// </summary>
public interface INodeDialer
{
    /// <summary>A stream to <paramref name="node"/>; <paramref name="port"/> is the port asked for, 0 for the node's own.</summary>
    ValueTask<Stream> DialAsync(Server node, int port, CancellationToken cancellationToken);
}
