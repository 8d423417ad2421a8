using System.Net;
using Microsoft.Extensions.Logging;
using Teleport.Api.Config;
using Teleport.Api.ReverseTunnel;
using Teleport.Ssh;
using Teleport.Ssh.Auth;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Keys;

namespace Teleport.Srv.Tunnel;

/// <summary>
/// The node's side of a reverse tunnel: it dials out to the proxy's tunnel port (found with the
/// proxy's ping), checks the proxy's host certificate against the cluster's host CA, logs in as
/// <c>&lt;host uuid&gt;.&lt;cluster&gt;</c> with its host certificate (the current one, after a
/// renewal the new one), and serves each <c>teleport-transport</c> channel the proxy opens as an
/// SSH connection to this node. It opens channels itself to reach the Auth API. When the tunnel
/// drops it reconnects with backoff, for as long as the node runs.
/// </summary>
public sealed class TunnelAgent : IAsyncDisposable
{
    /// <summary>Keepalive cadence towards the proxy; three missed answers drop the tunnel.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(10);

    private readonly TunnelAgentOptions _options;
    private readonly ILogger _logger;
    private readonly ProxyPing _ping;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource<SshConnection> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    public TunnelAgent(TunnelAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = options.Logger;
        _ping = new ProxyPing(options.ProxyServer);
    }

    /// <summary>Starts connecting in the background; the tunnel is up when <see cref="WaitConnectedAsync"/> returns.</summary>
    public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);

    /// <summary>The live tunnel, waiting for one while it is being (re)established.</summary>
    public async Task<SshConnection> WaitConnectedAsync(CancellationToken cancellationToken)
    {
        Task<SshConnection> connected;
        lock (_lock)
        {
            connected = _connected.Task;
        }

        return await connected.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A byte stream to the Auth API through the proxy (channel target <c>@remote-auth-server</c>):
    /// the node's Auth client runs TLS over it. Waits for the tunnel at most <paramref name="cancellationToken"/> allows.
    /// </summary>
    public async ValueTask<Stream> DialAuthAsync(CancellationToken cancellationToken)
    {
        SshConnection tunnel;
        try
        {
            tunnel = await WaitConnectedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!_stopping.IsCancellationRequested)
        {
            throw new IOException($"the reverse tunnel to the proxy at {_options.ProxyServer} is not connected", e);
        }

        try
        {
            SshChannel channel = await tunnel.OpenChannelAsync(TransportRequest.ChannelType, new TransportRequest(TransportRequest.RemoteAuthServer, string.Empty).Write(), requestHandler: null, cancellationToken).ConfigureAwait(false);
            return new TransportStream(channel);
        }
        catch (SshException e)
        {
            throw new IOException($"the proxy at {_options.ProxyServer} did not connect us to the Auth server: {e.Message}", e);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new TunnelBackoff();
        bool failing = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            SshConnection? connection = null;
            NetAddr? address = null;
            try
            {
                address = await _ping.TunnelAddressAsync(cancellationToken).ConfigureAwait(false);
                connection = await ConnectAsync(address, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SshException or IOException or HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    _logger.LogWarning("The reverse tunnel to the proxy at {Proxy} could not be established: {Error}; retrying", address?.Addr ?? _options.ProxyServer, e.Message);
                }

                failing = true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (connection is not null)
            {
                failing = false;
                backoff.Reset();
                _logger.LogInformation("Reverse tunnel to the proxy at {Address} is up", address!.Addr);
                lock (_lock)
                {
                    _connected.TrySetResult(connection);
                }

                await connection.Completion.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                lock (_lock)
                {
                    if (_connected.Task.IsCompleted)
                    {
                        _connected = new TaskCompletionSource<SshConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }

                await connection.DisposeAsync().ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                _logger.LogWarning("Reverse tunnel to the proxy at {Address} dropped ({Reason}); reconnecting", address.Addr, connection.CloseReason?.Message ?? "closed");
            }

            await Task.Delay(backoff.Next(), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private Task<SshConnection> ConnectAsync(NetAddr address, CancellationToken cancellationToken) =>
        SshClient.ConnectAsync(address.Host, address.Port, new SshClientOptions
        {
            UserName = $"{_options.HostId}.{_options.ClusterName}",
            AuthMethods = [new PublicKeyAuthMethod(_options.HostKey())],
            HostKeyVerifier = (key, _) =>
            {
                string? problem = ProxyHostCertificate.Problem(key, _options.HostCaKeys, _options.Clock);
                if (problem is not null)
                {
                    _logger.LogWarning("Refusing the reverse tunnel to {Address}: {Problem}", address.Addr, problem);
                }

                return ValueTask.FromResult(problem is null);
            },
            ConnectTimeout = TimeSpan.FromSeconds(15),
            KeepAliveInterval = KeepAliveInterval,
            KeepAliveCountMax = 3,
            ChannelOpenHandler = OpenChannelAsync,
            LoggerFactory = _options.LoggerFactory,
        }, cancellationToken);

    /// <summary>The proxy routes a user here: the channel's bytes are an SSH connection to this node, served as a direct one is.</summary>
    private Task OpenChannelAsync(ChannelOpenRequest request, CancellationToken cancellationToken)
    {
        TransportRequest? transport = request.ChannelType == TransportRequest.ChannelType ? TransportRequest.Read(request.ExtraData.Span) : null;
        if (transport is null || transport.Target == TransportRequest.RemoteAuthServer)
        {
            request.Reject(ChannelOpenFailureReason.AdministrativelyProhibited, $"this node accepts only {TransportRequest.ChannelType} channels to its SSH service");
            return Task.CompletedTask;
        }

        // The user's address when the proxy passes it, else the proxy's (as a node reached directly
        // through the proxy sees it), IPv4 written as IPv4 either way.
        EndPoint? remote = IPEndPoint.TryParse(transport.ClientAddress, out IPEndPoint? client) ? client : request.Connection.RemoteEndPoint;
        if (remote is IPEndPoint { Address.IsIPv4MappedToIPv6: true } mapped)
        {
            remote = new IPEndPoint(mapped.Address.MapToIPv4(), mapped.Port);
        }

        var stream = new TransportStream(request.Accept());
        _ = ServeAsync(stream, remote);
        return Task.CompletedTask;
    }

    private async Task ServeAsync(TransportStream stream, EndPoint? remote)
    {
        try
        {
            await _options.Serve(stream, remote, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SshException or IOException or OperationCanceledException)
        {
            _logger.LogDebug("A connection through the reverse tunnel from {Remote} failed before authentication: {Error}", remote, e.Message);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _ping.Dispose();
        _stopping.Dispose();
    }
}
