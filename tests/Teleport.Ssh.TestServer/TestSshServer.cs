using System.Net;
using Microsoft.Extensions.Logging;
using Teleport.Ssh.Connection;

namespace Teleport.Ssh.TestServer;

/// <summary>
/// An sshd-like server built on the library, for the OpenSSH interop tests and the benchmark:
/// exec and shell run /bin/sh -c as the server's own user; -L, -R and -A forwarding work.
/// </summary>
public sealed class TestSshServer : IAsyncDisposable
{
    private readonly SshServer _server;

    internal TestSshServer(TestServerConfiguration configuration, ILoggerFactory? loggerFactory = null)
    {
        _server = new SshServer(new SshServerOptions
        {
            HostKeys = configuration.HostKeys,
            Algorithms = configuration.Algorithms,
            Authenticator = new TestAuthenticator(configuration),
            LoginGraceTime = configuration.LoginGraceTime,
            RekeyAfterBytes = configuration.RekeyAfterBytes,
            LoggerFactory = loggerFactory,
            ChannelOpenHandler = (request, cancellationToken) => OpenChannelAsync(request, configuration.HomeDirectory, cancellationToken),
            GlobalRequestHandler = (request, _) => PortForwarding.HandleAsync(request),
        });
    }

    public IPEndPoint LocalEndPoint => _server.LocalEndPoint!;

    public int ConnectionCount => _server.ConnectionCount;

    public void Start(IPEndPoint endPoint) => _server.Start(endPoint);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static Task OpenChannelAsync(ChannelOpenRequest request, string home, CancellationToken cancellationToken)
    {
        switch (request.ChannelType)
        {
            case ChannelTypes.Session:
                var session = new SessionHandler(request.Connection, home);
                session.Attach(request.Accept(session.HandleAsync));
                return Task.CompletedTask;
            case ChannelTypes.DirectTcpIp:
                return PortForwarding.OpenDirectAsync(request, cancellationToken);
            default:
                request.Reject(ChannelOpenFailureReason.UnknownChannelType, $"{request.ChannelType} is not supported");
                return Task.CompletedTask;
        }
    }
}
