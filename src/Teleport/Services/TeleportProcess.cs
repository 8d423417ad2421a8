using Microsoft.Extensions.Logging;
using Teleport.Api.Config;

namespace Teleport.Services;

/// <summary>One teleport process: the services the configuration enables, started in order and stopped in reverse.</summary>
internal sealed class TeleportProcess(TeleportConfig config, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("teleport");
    private AuthServiceHost? _auth;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(config.Global.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        IReadOnlyList<string> roles = config.Roles;
        if (roles.Contains(StartRoles.Auth))
        {
            _auth = await AuthServiceHost.StartAsync(config, loggerFactory, cancellationToken).ConfigureAwait(false);
        }

        foreach (string role in roles.Where(r => r != StartRoles.Auth))
        {
            _logger.LogWarning("the {Role} service is not part of this build yet and is not started", role);
        }

        string running = _auth is null ? "no services" : StartRoles.Auth;
        _logger.LogInformation("Teleport v{Version} is running ({Services}); data in {DataDir}", Teleport.Auth.Api.Version.Current, running, config.Global.DataDir);
    }

    public async ValueTask DisposeAsync()
    {
        if (_auth is not null)
        {
            await _auth.DisposeAsync().ConfigureAwait(false);
        }
    }
}
