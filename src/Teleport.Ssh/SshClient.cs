using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Teleport.Ssh.Auth;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Transport;

namespace Teleport.Ssh;

/// <summary>Connects to an SSH server, verifies it, logs in and returns the connection.</summary>
public static class SshClient
{
    /// <summary>Connects over TCP to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static async Task<SshConnection> ConnectAsync(string host, int port, SshClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new SshConnectionException(DisconnectReason.ConnectionLost, $"cannot connect to {host} port {port}: {e.Message}", e);
        }

        return await ConnectCoreAsync(new NetworkStream(socket, ownsSocket: true), socket.RemoteEndPoint, options, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>Runs SSH over an already connected stream, such as a tunnel or another channel.</summary>
    public static async Task<SshConnection> ConnectAsync(Stream stream, SshClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        return await ConnectCoreAsync(stream, remoteEndPoint: null, options, timeout.Token).ConfigureAwait(false);
    }

    private static async Task<SshConnection> ConnectCoreAsync(Stream stream, System.Net.EndPoint? remoteEndPoint, SshClientOptions options, CancellationToken cancellationToken)
    {
        ILogger logger = options.LoggerFactory?.CreateLogger("Teleport.Ssh.Client") ?? NullLogger.Instance;
        var transport = new SshTransport(stream, new TransportSettings
        {
            IsServer = false,
            Algorithms = options.Algorithms,
            HostKeyVerifier = options.HostKeyVerifier,
            SoftwareVersion = options.SoftwareVersion,
            RekeyAfterBytes = options.RekeyAfterBytes,
            Logger = logger,
        });
        try
        {
            await transport.HandshakeAsync(cancellationToken).ConfigureAwait(false);
            var authentication = new ClientAuthentication(transport, options.UserName, [.. options.Algorithms.PublicKeys], options.BannerHandler);
            await authentication.RunAsync([.. options.AuthMethods], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            if (e is SshAuthenticationException)
            {
                await transport.DisconnectAsync(DisconnectReason.NoMoreAuthMethodsAvailable, "no more authentication methods").ConfigureAwait(false);
            }
            else
            {
                await transport.FailAsync(e).ConfigureAwait(false);
            }

            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var connection = new SshConnection(transport, new ConnectionSettings
        {
            ChannelOpenHandler = options.ChannelOpenHandler,
            GlobalRequestHandler = options.GlobalRequestHandler,
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveCountMax = options.KeepAliveCountMax,
            Logger = logger,
        }, options.UserName, identity: null, remoteEndPoint);
        connection.Start();
        return connection;
    }
}
