using Microsoft.Extensions.Logging;
using Teleport.Api.Config;
using Teleport.Api.Types;
using Teleport.Proxy;

namespace Teleport.Services;

/// <summary>
/// The proxy_service of a teleport process, wired from teleport.yaml. When Auth runs in the same
/// process and no token is given, the proxy joins with a one-use token Auth makes for it and pins
/// Auth's CA itself.
/// </summary>
internal static class ProxyServiceHost
{
    public static async Task<ProxyService> StartAsync(TeleportConfig config, AuthServiceHost? localAuth, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ProxyServiceConfig proxy = config.ProxyService;
        LocalJoin join = await LocalJoin.ForAsync(config, localAuth, SystemRoles.Proxy, cancellationToken).ConfigureAwait(false);

        var service = new ProxyService(new ProxyServiceOptions
        {
            DataDir = config.Global.DataDir,
            NodeName = config.Global.NodeName,
            AuthServer = join.AuthServer,
            JoinToken = join.Token,
            CaPins = join.CaPins,
            WebListenAddr = await EndPoints.ResolveAsync(proxy.WebListenAddr, cancellationToken).ConfigureAwait(false),
            SshListenAddr = await EndPoints.ResolveAsync(proxy.ListenAddr, cancellationToken).ConfigureAwait(false),
            TunnelListenAddr = await EndPoints.ResolveAsync(proxy.TunnelListenAddr, cancellationToken).ConfigureAwait(false),
            PublicAddr = Advertised(proxy.PublicAddr, proxy.WebListenAddr, config),
            SshPublicAddr = Advertised(proxy.SshPublicAddr, proxy.ListenAddr, config),
            TunnelPublicAddr = Advertised(proxy.TunnelPublicAddr, proxy.TunnelListenAddr, config),
            HttpsKeyPairs = [.. proxy.HttpsKeyPairs],
            LoggerFactory = loggerFactory,
        });
        try
        {
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await service.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return service;
    }

    /// <summary>The configured public address, else the listener with the node name for an unspecified host.</summary>
    private static string Advertised(IEnumerable<NetAddr> publicAddr, NetAddr listen, TeleportConfig config) =>
        publicAddr.FirstOrDefault()?.Addr ?? (listen.IsUnspecifiedHost ? listen.WithHost(config.Global.NodeName) : listen).Addr;
}
