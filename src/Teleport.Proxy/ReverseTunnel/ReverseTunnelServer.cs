using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Teleport.Api.Client;
using Teleport.Api.Config;
using Teleport.Api.Identity;
using Teleport.Api.ReverseTunnel;
using Teleport.Api.Types;
using Teleport.Ssh;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Keys;

namespace Teleport.Proxy.ReverseTunnel;

/// <summary>
/// The proxy's reverse tunnel listener (<c>tunnel_listen_addr</c>, 3024): nodes behind NAT keep an
/// SSH connection here, logged in with their host certificate (see <see cref="TunnelAuthenticator"/>),
/// and the proxy presents its own host certificate. While a tunnel is up the proxy reaches the node
/// by opening <c>teleport-transport</c> channels on it; the node opens the same kind of channel
/// with target <c>@remote-auth-server</c> to reach the Auth API. Keepalives find dead tunnels.
/// </summary>
public sealed class ReverseTunnelServer : IAsyncDisposable
{
    /// <summary>Keepalive cadence; a tunnel missing three answers in a row is dropped.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(10);

    private readonly ProxyServiceOptions _options;
    private readonly AuthClient _client;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private SshServer? _server;
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _clusterName;
    private volatile IReadOnlyList<SshPublicKey> _hostCaKeys;

    public ReverseTunnelServer(ProxyServiceOptions options, HostIdentity identity, AuthClient client, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options;
        _client = client;
        _logger = loggerFactory.CreateLogger("proxy:tunnel");
        _hostCaKeys = identity.HostCaKeys;
        _clusterName = identity.ClusterName;
        _loggerFactory = loggerFactory;
    }

    /// <summary>The live tunnels by host id.</summary>
    internal TunnelRegistry<SshConnection> Tunnels { get; } = new();

    public IPEndPoint? LocalEndPoint => _server?.LocalEndPoint;

    /// <summary>
    /// Learns the cluster's host CA from Auth (the identity's copy when Auth cannot say) and starts
    /// listening, presenting <paramref name="hostKeys"/>: the list certificate renewal updates, so a
    /// renewed host certificate is presented to the next tunnel at once.
    /// </summary>
    public async Task StartAsync(IList<ISshSigner> hostKeys, CancellationToken cancellationToken)
    {
        try
        {
            CertAuthority authority = await _client.GetAuthorityAsync(CertAuthTypes.Host, cancellationToken).ConfigureAwait(false);
            List<SshPublicKey> keys = [.. authority.Spec.ActiveKeys.Ssh.Concat(authority.Spec.AdditionalTrustedKeys.Ssh).Select(k => SshKeyFile.ParsePublicKey(k.PublicKey))];
            if (keys.Count > 0)
            {
                _hostCaKeys = keys;
            }
        }
        catch (AuthApiException e)
        {
            _logger.LogWarning("Could not fetch the host CA from the Auth server; nodes' tunnels are checked against the one from joining: {Error}", e.Message);
        }

        if (_hostCaKeys.Count == 0)
        {
            throw new InvalidOperationException("the reverse tunnel server does not know the cluster's host CA");
        }

        string clusterName = _clusterName;
        _server = new SshServer(new SshServerOptions
        {
            HostKeys = hostKeys,
            Authenticator = new TunnelAuthenticator(() => _hostCaKeys, clusterName, _options.Clock),
            LoggerFactory = _loggerFactory,
            Clock = _options.Clock,
            LoginGraceTime = TimeSpan.FromSeconds(30),
            ConnectionAuthenticated = OnAuthenticated,
            ChannelOpenHandler = OpenChannelAsync,
            KeepAliveInterval = KeepAliveInterval,
            KeepAliveCountMax = 3,
        });
        _server.Start(_options.TunnelListenAddr);
        _logger.LogInformation("Reverse tunnel service is listening on {Address}", _server.LocalEndPoint);
    }

    /// <summary>The live tunnel of node <paramref name="hostId"/>, if it has one.</summary>
    public bool TryGetTunnel(string hostId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SshConnection? tunnel) =>
        Tunnels.TryGet(hostId, out tunnel);

    private void OnAuthenticated(SshConnection connection)
    {
        var agent = (TunnelAgentIdentity)connection.Identity!;
        Tunnels.Register(agent.HostId, connection);
        _logger.LogInformation("Reverse tunnel from node {HostId} at {Remote} is up", agent.HostId, connection.RemoteEndPoint);
        _ = connection.Completion.ContinueWith(
            _ =>
            {
                if (Tunnels.Remove(agent.HostId, connection))
                {
                    _logger.LogInformation("Reverse tunnel from node {HostId} at {Remote} is down", agent.HostId, connection.RemoteEndPoint);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Agents may open only <c>teleport-transport</c> to the Auth API; the proxy carries the bytes, TLS stays end to end.</summary>
    private async Task OpenChannelAsync(ChannelOpenRequest request, CancellationToken cancellationToken)
    {
        TransportRequest? transport = request.ChannelType == TransportRequest.ChannelType ? TransportRequest.Read(request.ExtraData.Span) : null;
        if (transport?.Target != TransportRequest.RemoteAuthServer)
        {
            request.Reject(ChannelOpenFailureReason.AdministrativelyProhibited, $"a reverse tunnel may only open {TransportRequest.ChannelType} to {TransportRequest.RemoteAuthServer}");
            return;
        }

        NetAddr auth = NetAddr.Parse(_options.AuthServer, Ports.Auth);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(auth.Host, auth.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            _logger.LogWarning("A node's call to the Auth server at {Auth} could not be carried: {Error}", auth, e.Message);
            request.Reject(ChannelOpenFailureReason.ConnectFailed, $"the proxy cannot reach the Auth server: {e.Message}");
            return;
        }

        _ = ChannelPipe.RunAsync(request.Accept(), new NetworkStream(socket, ownsSocket: true));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }
}
