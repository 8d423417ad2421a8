using System.Net;
using Microsoft.Extensions.Logging;
using Teleport.Ssh.Keys;

namespace Teleport.Srv.Tunnel;

/// <summary>What the tunnel agent needs: where the proxy is, who this node is, and what to do with a routed connection.</summary>
public sealed record TunnelAgentOptions
{
    /// <summary><c>teleport.proxy_server</c>: the proxy's web address, asked for the tunnel address.</summary>
    public required string ProxyServer { get; init; }

    public required string HostId { get; init; }

    public required string ClusterName { get; init; }

    /// <summary>The node's current host key with its certificate (read at every connect, so a renewed certificate is used).</summary>
    public required Func<ISshSigner> HostKey { get; init; }

    /// <summary>The cluster's host CA keys: the proxy's host certificate must be signed by one.</summary>
    public required IReadOnlyList<SshPublicKey> HostCaKeys { get; init; }

    /// <summary>Serves one routed SSH connection (the stream, the user's address) until it ends.</summary>
    public required Func<Stream, EndPoint?, CancellationToken, Task> Serve { get; init; }

    public required ILogger Logger { get; init; }

    public ILoggerFactory? LoggerFactory { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
