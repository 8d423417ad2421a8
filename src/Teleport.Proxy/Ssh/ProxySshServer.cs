using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Teleport.Api.Identity;
using Teleport.Proxy.Cluster;
using Teleport.Proxy.Routing;
using Teleport.Ssh;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;

namespace Teleport.Proxy.Ssh;

/// <summary>
/// The SSH proxy (<c>proxy_service.listen_addr</c>, 3023): users authenticate with their
/// certificate, then reach a node by the <c>proxy:HOST:PORT@CLUSTER</c> subsystem on a session
/// channel (tsh) or by a <c>direct-tcpip</c> channel (OpenSSH's <c>ssh -J</c>). The proxy carries
/// the node's SSH bytes; the session itself is end-to-end between the user and the node.
/// </summary>
internal sealed class ProxySshServer : IAsyncDisposable
{
    private readonly ClusterCache _cluster;
    private readonly NodeResolver _resolver;
    private readonly INodeDialer _dialer;
    private readonly ILogger _logger;
    private readonly SshServer _server;

    public ProxySshServer(HostIdentity identity, ClusterCache cluster, INodeDialer dialer, ILoggerFactory loggerFactory, TimeProvider clock)
    {
        _cluster = cluster;
        _resolver = new NodeResolver(cluster);
        _dialer = dialer;
        _logger = loggerFactory.CreateLogger("proxy:ssh");
        HostKeys = [identity.HostSigner];
        _server = new SshServer(new SshServerOptions
        {
            HostKeys = HostKeys,
            Authenticator = new ProxyAuthenticator(cluster, clock),
            LoggerFactory = loggerFactory,
            Clock = clock,
            ChannelOpenHandler = OpenChannelAsync,

            // Users are in front of a login prompt for a moment only: bound what a silent or
            // half-open client may hold before it authenticates.
            LoginGraceTime = TimeSpan.FromSeconds(30),
            MaxUnauthenticatedConnections = 500,
            KeepAliveInterval = TimeSpan.FromMinutes(5),
            KeepAliveCountMax = 3,
        });
    }

    /// <summary>The host key the server presents; certificate renewal may replace it in place.</summary>
    public IList<Teleport.Ssh.Keys.ISshSigner> HostKeys { get; }

    public IPEndPoint? LocalEndPoint => _server.LocalEndPoint;

    public void Start(IPEndPoint endPoint) => _server.Start(endPoint);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private Task OpenChannelAsync(ChannelOpenRequest request, CancellationToken cancellationToken)
    {
        var user = (ProxyUser)request.Connection.Identity!;
        switch (request.ChannelType)
        {
            case ChannelTypes.Session:
                var routed = new StrongBox<int>();
                request.Accept((channelRequest, _) => HandleSessionRequestAsync(user, channelRequest, routed));
                return Task.CompletedTask;
            case ChannelTypes.DirectTcpIp:
                return OpenDirectAsync(user, request, cancellationToken);
            default:
                request.Reject(ChannelOpenFailureReason.UnknownChannelType, $"{request.ChannelType} channels are not supported by the proxy");
                return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Only the proxy subsystem: it is accepted at once and routed in the background, since a
    /// request handler must not wait on its own channel. Failures come back as stderr and exit-status 1.
    /// </summary>
    private ValueTask<bool> HandleSessionRequestAsync(ProxyUser user, SshChannelRequest request, StrongBox<int> routed)
    {
        if (request.RequestType != SessionRequestTypes.Subsystem)
        {
            return ValueTask.FromResult(false);
        }

        // One subsystem per channel: a second would race the first for the same bytes.
        string subsystem = SessionRequests.ReadString(request.Data.Span, 1024);
        if (!NodeTarget.TryParseSubsystem(subsystem, out NodeTarget? target) || Interlocked.Exchange(ref routed.Value, 1) != 0)
        {
            return ValueTask.FromResult(false);
        }

        _ = RouteSubsystemAsync(user, request.Channel, target!, request.Channel.Connection.RemoteEndPoint);
        return ValueTask.FromResult(true);
    }

    private async Task RouteSubsystemAsync(ProxyUser user, SshChannel channel, NodeTarget target, EndPoint? remote)
    {
        Stream node;
        try
        {
            node = await DialAsync(user, target, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RoutingException e)
        {
            _logger.LogInformation("{User} from {Remote}: {Error}", user.UserName, remote, e.Message);
            try
            {
                await channel.WriteExtendedAsync(System.Text.Encoding.UTF8.GetBytes(e.Message + "\n")).ConfigureAwait(false);
                channel.SendExitStatus(1);
            }
            catch (Exception write) when (write is SshException or IOException or ObjectDisposedException)
            {
                // The user is gone already.
            }

            channel.Close();
            return;
        }

        await ChannelPipe.RunAsync(channel, node).ConfigureAwait(false);
    }

    private async Task OpenDirectAsync(ProxyUser user, ChannelOpenRequest request, CancellationToken cancellationToken)
    {
        TcpIpChannelInfo info = request.ReadTcpIpInfo();
        var target = new NodeTarget(info.Host, (int)info.Port, Cluster: null);
        Stream node;
        try
        {
            node = await DialAsync(user, target, cancellationToken).ConfigureAwait(false);
        }
        catch (RoutingException e)
        {
            _logger.LogInformation("{User} from {Remote}: {Error}", user.UserName, request.Connection.RemoteEndPoint, e.Message);
            request.Reject(ChannelOpenFailureReason.ConnectFailed, e.Message);
            return;
        }

        SshChannel channel = request.Accept();
        _ = ChannelPipe.RunAsync(channel, node);
    }

    private async Task<Stream> DialAsync(ProxyUser user, NodeTarget target, CancellationToken cancellationToken)
    {
        Teleport.Api.Types.Server node = await _resolver.ResolveAsync(target, snapshot => UserAccess.For(user.UserName, user.Roles, user.Traits, snapshot), cancellationToken).ConfigureAwait(false);
        Stream stream = await _dialer.DialAsync(node, port: 0, cancellationToken).ConfigureAwait(false);
        _logger.LogDebug("{User} reaches node {Node} ({HostId}) at {Addr}", user.UserName, node.Spec.Hostname, node.Metadata.Name, node.Spec.Addr);
        return stream;
    }
}
