using System.Net;
using Microsoft.Extensions.Logging;
using Teleport.Api.Config;
using Teleport.Api.Types;
using Teleport.Srv;

namespace Teleport.Services;

/// <summary>
/// The ssh_service of a teleport process: the node, wired from teleport.yaml. When Auth runs in the
/// same process and no token is given, the node joins with a one-use token Auth makes for it.
/// </summary>
internal static class NodeServiceHost
{
    public static async Task<NodeService> StartAsync(TeleportConfig config, AuthServiceHost? localAuth, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        SshServiceConfig ssh = config.SshService;
        if (config.Global.ProxyServer is { } proxy)
        {
            return await StartBehindTunnelAsync(config, proxy, loggerFactory, cancellationToken).ConfigureAwait(false);
        }

        LocalJoin join = await LocalJoin.ForAsync(config, localAuth, SystemRoles.Node, cancellationToken).ConfigureAwait(false);

        IPEndPoint listen = await EndPoints.ResolveAsync(ssh.ListenAddr, cancellationToken).ConfigureAwait(false);
        string advertise = ssh.PublicAddr.Count > 0 ? ssh.PublicAddr[0].Addr
            : ssh.ListenAddr.IsUnspecifiedHost ? new NetAddr(AddressTowards(join.AuthServer), ssh.ListenAddr.Port).Addr : ssh.ListenAddr.Addr;
        var node = new NodeService(new NodeServiceOptions
        {
            DataDir = config.Global.DataDir,
            NodeName = config.Global.NodeName,
            AuthServer = join.AuthServer,
            JoinToken = join.Token,
            // In one process with Auth, the node pins Auth's CA itself: no trust on first use.
            CaPins = join.CaPins,
            ListenAddr = listen,
            AdvertiseAddr = advertise,
            Labels = ssh.Labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal),
            CommandLabels = [.. ssh.Commands.Select(c => (c.Name, (IReadOnlyList<string>)[.. c.Command], c.Period.ToTimeSpan()))],
            HelperPath = Environment.ProcessPath ?? throw new NodeStartException("cannot tell where the teleport executable is"),
            LoggerFactory = loggerFactory,
        });
        return await StartAsync(node, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>teleport.proxy_server</c>: the node joins through the proxy and keeps a reverse tunnel to
    /// it; it listens on no port (ssh_service.listen_addr and public_addr are not used).
    /// </summary>
    private static async Task<NodeService> StartBehindTunnelAsync(TeleportConfig config, NetAddr proxy, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        SshServiceConfig ssh = config.SshService;
        var node = new NodeService(new NodeServiceOptions
        {
            DataDir = config.Global.DataDir,
            NodeName = config.Global.NodeName,
            ProxyServer = proxy.Addr,
            JoinToken = config.Global.JoinToken,
            CaPins = LocalJoin.ReadPins(config.Global.CaPin),
            ListenAddr = new IPEndPoint(IPAddress.Loopback, 0),
            AdvertiseAddr = string.Empty,
            Labels = ssh.Labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal),
            CommandLabels = [.. ssh.Commands.Select(c => (c.Name, (IReadOnlyList<string>)[.. c.Command], c.Period.ToTimeSpan()))],
            HelperPath = Environment.ProcessPath ?? throw new NodeStartException("cannot tell where the teleport executable is"),
            LoggerFactory = loggerFactory,
        });
        return await StartAsync(node, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<NodeService> StartAsync(NodeService node, CancellationToken cancellationToken)
    {
        try
        {
            await node.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return node;
    }

    /// <summary>
    /// Listening on every address, the node advertises the one it reaches Auth from (the route's
    /// source address, found without sending anything), which the cluster can reach it back on.
    /// </summary>
    private static string AddressTowards(string authServer)
    {
        try
        {
            NetAddr auth = NetAddr.Parse(authServer, Ports.Auth);
            using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            probe.Connect(auth.Host, auth.Port);
            IPAddress local = ((IPEndPoint)probe.LocalEndPoint!).Address;
            return (local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local).ToString();
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException or ResourceValidationException)
        {
            return "127.0.0.1";
        }
    }
}
