using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Teleport.Ssh.Auth;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Transport;

namespace Teleport.Ssh;

/// <summary>
/// An SSH server: accepts connections on a TCP endpoint (or any stream, for tunnels), runs key
/// exchange and authentication within the login grace time, then serves the connection protocol
/// through the handlers in <see cref="SshServerOptions"/>.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    private readonly SshServerOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _connectionsLock = new();
    private readonly HashSet<SshConnection> _connections = [];
    private Socket? _listener;
    private Task? _acceptLoop;
    private int _unauthenticated;

    public SshServer(SshServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = options.LoggerFactory?.CreateLogger("Teleport.Ssh.Server") ?? NullLogger.Instance;
    }

    /// <summary>The bound endpoint once started (useful with port 0).</summary>
    public IPEndPoint? LocalEndPoint => _listener?.LocalEndPoint as IPEndPoint;

    /// <summary>Connections authenticated and not yet closed.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_connectionsLock)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Binds <paramref name="endPoint"/> and starts accepting connections in the background.</summary>
    public void Start(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endPoint);
            listener.Listen(1024);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        _acceptLoop = Task.Run(AcceptLoopAsync, CancellationToken.None);
    }

    /// <summary>
    /// Runs the SSH handshake and authentication on <paramref name="stream"/> and returns the
    /// started connection. Enforces the login grace time; any failure closes the stream.
    /// </summary>
    public Task<SshConnection> AcceptAsync(Stream stream, EndPoint? remoteEndPoint, CancellationToken cancellationToken) =>
        AcceptAsync(stream, remoteEndPoint, localEndPoint: null, cancellationToken);

    /// <summary>As <see cref="AcceptAsync(Stream, EndPoint?, CancellationToken)"/>, knowing the address the client reached.</summary>
    public async Task<SshConnection> AcceptAsync(Stream stream, EndPoint? remoteEndPoint, EndPoint? localEndPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ILogger logger = _logger;
        var transport = new SshTransport(stream, new TransportSettings
        {
            IsServer = true,
            Algorithms = _options.Algorithms,
            HostKeys = [.. _options.HostKeys],
            SoftwareVersion = _options.SoftwareVersion,
            RekeyAfterBytes = _options.RekeyAfterBytes,
            Clock = _options.Clock,
            Logger = logger,
        });
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        grace.CancelAfter(_options.LoginGraceTime);
        try
        {
            await transport.HandshakeAsync(grace.Token).ConfigureAwait(false);
            var authentication = new ServerAuthentication(transport, _options.Authenticator!, _options.Algorithms, _options.MaxAuthTries, _options.Banner, remoteEndPoint, logger);
            (string userName, object? identity) = await authentication.RunAsync(grace.Token).ConfigureAwait(false);
            var connection = new SshConnection(transport, new ConnectionSettings
            {
                ChannelOpenHandler = _options.ChannelOpenHandler,
                GlobalRequestHandler = _options.GlobalRequestHandler,
                MaxChannels = _options.MaxChannelsPerConnection,
                KeepAliveInterval = _options.KeepAliveInterval,
                KeepAliveCountMax = _options.KeepAliveCountMax,
                Logger = logger,
            }, userName, identity, remoteEndPoint)
            {
                LocalEndPoint = localEndPoint,
            };
            _options.ConnectionAuthenticated?.Invoke(connection);
            connection.Start();
            return connection;
        }
        catch (Exception e)
        {
            if (e is OperationCanceledException && grace.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                await transport.DisconnectAsync(DisconnectReason.ByApplication, "login grace time exceeded").ConfigureAwait(false);
            }
            else
            {
                await transport.FailAsync(e).ConfigureAwait(false);
            }

            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                _logger.LogWarning("accept failed: {Error}", e.Message);
                continue;
            }

            if (Interlocked.Increment(ref _unauthenticated) > _options.MaxUnauthenticatedConnections)
            {
                Interlocked.Decrement(ref _unauthenticated);
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        EndPoint? remote = socket.RemoteEndPoint;
        SshConnection connection;
        try
        {
            connection = await AcceptAsync(new NetworkStream(socket, ownsSocket: true), remote, socket.LocalEndPoint, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SshException or IOException or OperationCanceledException or SocketException)
        {
            _logger.LogDebug("connection from {Remote} failed before authentication: {Error}", remote, e.Message);
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // An authenticator that threw, or a bug: log it and drop this connection, never the server.
            _logger.LogError(e, "connection from {Remote} failed before authentication", remote);
            return;
        }
        finally
        {
            Interlocked.Decrement(ref _unauthenticated);
        }

        lock (_connectionsLock)
        {
            _connections.Add(connection);
        }

        await connection.Completion.ConfigureAwait(false);
        lock (_connectionsLock)
        {
            _connections.Remove(connection);
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops accepting and disconnects every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        SshConnection[] connections;
        lock (_connectionsLock)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections.Select(c => c.DisconnectAsync(DisconnectReason.ByApplication, "server shutting down"))).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
