using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Teleport.Api.Client;
using Teleport.Srv.Audit;
using Teleport.Srv.Cluster;
using Teleport.Api.Identity;
using Teleport.Api.Types;
using Teleport.Srv.Presence;
using Teleport.Srv.Recording;
using Teleport.Srv.Tunnel;

namespace Teleport.Srv;

/// <summary>
/// The SSH service (<c>teleport start --roles=node</c>): joins the cluster on first start, keeps its
/// identity in <c>data_dir</c>, heartbeats its labels, and serves SSH on 3022 to cluster users. With
/// <c>proxy_server</c> it joins through the proxy and is reached through a reverse tunnel instead.
/// </summary>
public sealed class NodeService : IAsyncDisposable
{
    private readonly NodeServiceOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly List<IAsyncDisposable> _parts = [];
    private HostIdentity? _identity;
    private AuthClient? _client;
    private NodeSshServer? _server;

    public NodeService(NodeServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("node");
    }

    /// <summary>Where SSH is served, once started.</summary>
    public System.Net.IPEndPoint? LocalEndPoint => _server?.LocalEndPoint;

    public string? HostId => _identity?.HostId;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.UseTunnel == (_options.AuthServer.Length > 0))
        {
            throw new NodeStartException("the SSH service needs exactly one of auth_server and proxy_server");
        }

        _identity = await new HostJoiner(JoinOptions(), _logger).LoadOrJoinAsync(cancellationToken).ConfigureAwait(false);
        _client = _options.UseTunnel ? StartTunnel(_identity)
            : new AuthClient(_options.AuthServer, AuthServerTrust.FromAuthorities(_identity.TlsAuthorities), _identity.TlsCertificate);

        var cache = new ClusterCache(_client, _identity, new HostIdentityStore(_options.DataDir, SystemRoles.Node), _options.ClusterRefreshInterval, _logger);
        _parts.Add(cache);
        await cache.StartAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);

        var labels = new CommandLabels(_options.CommandLabels, _logger);
        _parts.Add(labels);
        await labels.StartAsync(cancellationToken).ConfigureAwait(false);

        var audit = new AuditEmitter(_client, _logger);
        _parts.Add(audit);
        var recordings = new RecordingUploader(_client, _options.DataDir, _logger);
        _parts.Add(recordings);
        recordings.RecoverInterrupted();

        var node = new NodeContext(_options, _identity.HostId, _identity.ClusterName, cache, labels, audit, recordings, _loggerFactory);
        _server = new NodeSshServer(node, _identity);
        if (_options.UseTunnel)
        {
            _logger.LogInformation("Service is starting behind a reverse tunnel to the proxy at {Proxy} (no listening port): SSH for cluster {Cluster} as {NodeName} ({HostId})", _options.ProxyServer, _identity.ClusterName, _options.NodeName, _identity.HostId);
        }
        else
        {
            _server.Start();
            _logger.LogInformation("Service is starting on {Address}: SSH for cluster {Cluster} as {NodeName} ({HostId})", _server.LocalEndPoint, _identity.ClusterName, _options.NodeName, _identity.HostId);
        }

        var renewal = new CertificateRenewal(_client, _identity, new HostIdentityStore(_options.DataDir, SystemRoles.Node), _server.HostKeys, _options.Clock, _logger);
        _parts.Add(renewal);
        renewal.Start();

        var heartbeat = new Heartbeat(_client, _options, _identity.HostId, labels, _logger);
        _parts.Add(heartbeat);
        heartbeat.Start();
    }

    /// <summary>
    /// Behind a reverse tunnel: the agent dials the proxy and keeps the tunnel up; the Auth client
    /// reaches Auth through it (mutual TLS still with Auth itself). Connections routed here wait
    /// for the SSH server, which starts once the cluster cache is filled through the same tunnel.
    /// </summary>
    private AuthClient StartTunnel(HostIdentity identity)
    {
        var agent = new TunnelAgent(new TunnelAgentOptions
        {
            ProxyServer = _options.ProxyServer!,
            HostId = identity.HostId,
            ClusterName = identity.ClusterName,
            HostKey = () => _server?.HostKeys[0] ?? identity.HostSigner,
            HostCaKeys = identity.HostCaKeys,
            Serve = (stream, remote, cancellationToken) => _server is { } server
                ? server.ServeAsync(stream, remote, cancellationToken)
                : throw new IOException("the node is still starting"),
            Logger = _logger,
            LoggerFactory = _loggerFactory,
            Clock = _options.Clock,
        });
        _parts.Add(agent);
        agent.Start();

        // The host name only names the TLS target; the connection itself is the tunnel channel.
        return new AuthClient("teleport.cluster.local", AuthServerTrust.FromAuthorities(identity.TlsAuthorities), identity.TlsCertificate, agent.DialAuthAsync);
    }

    private HostJoinOptions JoinOptions() => new()
    {
        DataDir = _options.DataDir,
        Role = SystemRoles.Node,
        NodeName = _options.NodeName,
        AuthServer = _options.AuthServer,
        ProxyServer = _options.ProxyServer,
        JoinToken = _options.JoinToken,
        CaPins = _options.CaPins,
        Principals = Principals(),
    };

    /// <summary>
    /// The names clients reach this host by, as Teleport's additional principals: its name, the
    /// loopback names, and the host of its advertised address, so <c>ssh host</c> verifies by the
    /// cluster's host CA whichever of them is typed.
    /// </summary>
    private List<string> Principals()
    {
        string advertised = _options.AdvertiseAddr;
        string advertisedHost = advertised.LastIndexOf(':') is int colon and > 0 ? advertised[..colon].Trim('[', ']') : advertised;
        return [.. new[] { _options.NodeName, "localhost", "127.0.0.1", "::1", advertisedHost }.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        for (int i = _parts.Count - 1; i >= 0; i--)
        {
            await _parts[i].DisposeAsync().ConfigureAwait(false);
        }

        _client?.Dispose();
        _identity?.Dispose();
    }
}
