using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Teleport.Api.Client;
using Teleport.Api.Identity;
using Teleport.Api.Types;
using Teleport.Proxy.Cluster;
using Teleport.Proxy.ReverseTunnel;
using Teleport.Proxy.Routing;
using Teleport.Proxy.Ssh;
using Teleport.Proxy.Web;

namespace Teleport.Proxy;

/// <summary>
/// The proxy service (<c>teleport start --roles=proxy</c>): the cluster's only door. It joins the
/// cluster as a Proxy on its first start, keeps its identity in <c>data_dir/proxy</c>, and serves
/// the web API (3080), SSH to nodes (3023) and reverse tunnels from nodes (3024).
/// </summary>
public sealed class ProxyService : IAsyncDisposable
{
    private readonly ProxyServiceOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly List<IAsyncDisposable> _parts = [];
    private HostIdentity? _identity;
    private AuthClient? _client;

    public ProxyService(ProxyServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("proxy");
    }

    public string? HostId => _identity?.HostId;

    /// <summary>The bound web endpoint once started (useful with port 0).</summary>
    public System.Net.IPEndPoint? WebEndPoint { get; private set; }

    /// <summary>The bound SSH endpoint once started.</summary>
    public System.Net.IPEndPoint? SshEndPoint { get; private set; }

    /// <summary>The reverse tunnel listener, once started.</summary>
    public ReverseTunnelServer? Tunnels { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _identity = await new HostJoiner(JoinOptions(), _logger).LoadOrJoinAsync(cancellationToken).ConfigureAwait(false);
        _client = new AuthClient(_options.AuthServer, AuthServerTrust.FromAuthorities(_identity.TlsAuthorities), _identity.TlsCertificate);

        var cluster = new ClusterCache(_client, _identity.ClusterName, _identity.UserCaKeys, TimeSpan.FromSeconds(5), _loggerFactory.CreateLogger("proxy:cache"));
        _parts.Add(cluster);
        await cluster.StartAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);

        var tunnels = new ReverseTunnelServer(_options, _identity, _client, _loggerFactory);
        _parts.Add(tunnels);
        Tunnels = tunnels;

        WebServer web = await WebServer.StartAsync(new WebContext(_options, _client, cluster), _identity.TlsAuthorities, _loggerFactory, cancellationToken).ConfigureAwait(false);
        _parts.Add(web);
        WebEndPoint = web.LocalEndPoint;
        _logger.LogInformation("Web proxy service is listening on {Address} (HTTPS; public address {PublicAddr})", web.LocalEndPoint, _options.PublicAddr);

        var ssh = new ProxySshServer(_identity, cluster, CreateNodeDialer(tunnels), _loggerFactory, _options.Clock);
        _parts.Add(ssh);
        ssh.Start(_options.SshListenAddr);
        SshEndPoint = ssh.LocalEndPoint;
        _logger.LogInformation("SSH proxy service is listening on {Address} (public address {SshPublicAddr})", ssh.LocalEndPoint, _options.SshPublicAddr);
        await tunnels.StartAsync(ssh.HostKeys, cancellationToken).ConfigureAwait(false);

        // Users' known_hosts trust the host CA: a renewed host certificate is presented at once, with no restart.
        var renewal = new CertificateRenewal(_client, _identity, new HostIdentityStore(_options.DataDir, SystemRoles.Proxy), ssh.HostKeys, _options.Clock, _logger);
        _parts.Add(renewal);
        renewal.Start();

        _logger.LogInformation("Proxy for cluster {Cluster} is running as {HostId}", _identity.ClusterName, _identity.HostId);
    }

    /// <summary>The one place the way to nodes is chosen: through a node's reverse tunnel when it has one here, else straight to its advertised address.</summary>
    private static INodeDialer CreateNodeDialer(ReverseTunnelServer tunnels) => new TunnelNodeDialer(tunnels, new DirectNodeDialer());

    private HostJoinOptions JoinOptions()
    {
        string publicHost = _options.PublicAddr.LastIndexOf(':') is int colon and > 0 ? _options.PublicAddr[..colon].Trim('[', ']') : _options.PublicAddr;
        return new HostJoinOptions
        {
            DataDir = _options.DataDir,
            Role = SystemRoles.Proxy,
            NodeName = _options.NodeName,
            AuthServer = _options.AuthServer,
            JoinToken = _options.JoinToken,
            CaPins = _options.CaPins,
            Principals = [.. new[] { _options.NodeName, "localhost", "127.0.0.1", "::1", publicHost }.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)],
        };
    }

    public async ValueTask DisposeAsync()
    {
        for (int i = _parts.Count - 1; i >= 0; i--)
        {
            await _parts[i].DisposeAsync().ConfigureAwait(false);
        }

        _client?.Dispose();
        _identity?.Dispose();
    }
}
