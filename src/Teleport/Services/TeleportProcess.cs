using Microsoft.Extensions.Logging;
using Teleport.Api.Config;

namespace Teleport.Services;

/// <summary>One teleport process: the services the configuration enables, started in order and stopped in reverse.</summary>
internal sealed class TeleportProcess(TeleportConfig config, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("teleport");
    private AuthServiceHost? _auth;
    private Teleport.Proxy.ProxyService? _proxy;
    private Teleport.Srv.NodeService? _node;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(config.Global.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        IReadOnlyList<string> roles = config.Roles;
        if (roles.Contains(StartRoles.Auth))
        {
            _auth = await AuthServiceHost.StartAsync(config, loggerFactory, cancellationToken).ConfigureAwait(false);
        }

        if (roles.Contains(StartRoles.Proxy))
        {
            _proxy = await ProxyServiceHost.StartAsync(config, _auth, loggerFactory, cancellationToken).ConfigureAwait(false);
        }

        if (roles.Contains(StartRoles.Node))
        {
            _node = await NodeServiceHost.StartAsync(config, _auth, loggerFactory, cancellationToken).ConfigureAwait(false);
        }

        string[] services = [.. roles];
        string running = services.Length == 0 ? "no services" : string.Join(", ", services);
        _logger.LogInformation("Teleport v{Version} is running ({Services}); data in {DataDir}", Teleport.Auth.Api.Version.Current, running, config.Global.DataDir);
        if (_auth is not null && _proxy is not null && _node is not null)
        {
            await Console.Out.WriteAsync(NextSteps.For(config)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync().ConfigureAwait(false);
        }

        if (_proxy is not null)
        {
            await _proxy.DisposeAsync().ConfigureAwait(false);
        }

        if (_auth is not null)
        {
            await _auth.DisposeAsync().ConfigureAwait(false);
        }
    }
}
