using System.Runtime.CompilerServices;
using Teleport.Srv.Access;
using Teleport.Srv.Forwarding;
using Teleport.Srv.Sessions;
using Teleport.Ssh;
using Teleport.Ssh.Connection;

namespace Teleport.Srv;

/// <summary>The node's SSH server: the library's server with the cluster's authenticator and the node's channel handlers.</summary>
internal sealed class NodeSshServer : IAsyncDisposable
{
    private readonly NodeContext _node;
    private readonly ConditionalWeakTable<SshConnection, ConnectionState> _connections = [];
    private readonly SshServer _server;

    public NodeSshServer(NodeContext node, Teleport.Api.Identity.HostIdentity identity)
    {
        _node = node;
        HostKeys = [identity.HostSigner];
        _server = new SshServer(new SshServerOptions
        {
            HostKeys = HostKeys,
            Authenticator = new NodeAuthenticator(node.Cluster, node),
            LoggerFactory = node.LoggerFactory,
            Clock = node.Clock,
            ConnectionAuthenticated = OnAuthenticated,
            ChannelOpenHandler = OpenChannelAsync,
            GlobalRequestHandler = (request, _) => State(request.Connection).Forwarding.HandleGlobalRequestAsync(request),
        });
    }

    /// <summary>The host key the server presents; certificate renewal replaces it in place.</summary>
    public IList<Teleport.Ssh.Keys.ISshSigner> HostKeys { get; }

    public System.Net.IPEndPoint? LocalEndPoint => _server.LocalEndPoint;

    public int ConnectionCount => _server.ConnectionCount;

    public void Start() => _server.Start(_node.Options.ListenAddr);

    /// <summary>
    /// Serves one SSH connection that arrived some other way than the listener (through the
    /// reverse tunnel), exactly as a direct one: same authentication, sessions and audit, with
    /// <paramref name="remote"/> as the client's address. Returns when the connection ends.
    /// </summary>
    public async Task ServeAsync(Stream stream, System.Net.EndPoint? remote, CancellationToken cancellationToken)
    {
        SshConnection connection = await _server.AcceptAsync(stream, remote, localEndPoint: null, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.Completion.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private void OnAuthenticated(SshConnection connection)
    {
        var nodeConnection = new NodeConnection(_node, connection, (NodeUser)connection.Identity!);
        _connections.Add(connection, new ConnectionState(nodeConnection, new PortForwarding(nodeConnection)));
        nodeConnection.StartWatchdogs();
    }

    private ConnectionState State(SshConnection connection) =>
        _connections.TryGetValue(connection, out ConnectionState? state) ? state : throw new InvalidOperationException("a connection without its state");

    private Task OpenChannelAsync(ChannelOpenRequest request, CancellationToken cancellationToken)
    {
        ConnectionState state = State(request.Connection);
        state.Connection.Touch();
        switch (request.ChannelType)
        {
            case ChannelTypes.Session:
                var session = new SessionChannel(state.Connection);
                session.Attach(request.Accept(session.HandleAsync));
                return Task.CompletedTask;
            case ChannelTypes.DirectTcpIp:
                return state.Forwarding.OpenDirectAsync(request, cancellationToken);
            default:
                request.Reject(ChannelOpenFailureReason.UnknownChannelType, $"{request.ChannelType} channels are not supported");
                return Task.CompletedTask;
        }
    }

    private sealed record ConnectionState(NodeConnection Connection, PortForwarding Forwarding);
}
