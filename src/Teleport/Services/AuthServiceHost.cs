using System.Net;
using Microsoft.Extensions.Logging;
using Teleport.Api.Config;
using Teleport.Auth;
using Teleport.Auth.Api;
using Teleport.Auth.Identity;
using Teleport.Backend;

namespace Teleport.Services;

/// <summary>
/// The auth_service of a teleport process: the SQLite backend under data_dir, the Auth service,
/// its HTTPS API on listen_addr, and the admin identity tctl uses on this host.
/// </summary>
internal sealed class AuthServiceHost : IAsyncDisposable
{
    private readonly IBackend _backend;
    private readonly AuthServer _auth;
    private readonly AuthApiServer _api;

    private AuthServiceHost(IBackend backend, AuthServer auth, AuthApiServer api)
    {
        _backend = backend;
        _auth = auth;
        _api = api;
    }

    public AuthServer Auth => _auth;

    public IPEndPoint ListenEndPoint => _api.LocalEndPoint;

    public static async Task<AuthServiceHost> StartAsync(TeleportConfig config, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ILogger logger = loggerFactory.CreateLogger("auth");
        string dataDir = config.Global.DataDir;
        SqliteBackend backend = await SqliteBackend.OpenAsync(new SqliteBackendOptions { Directory = config.Global.BackendDirectory, LoggerFactory = loggerFactory }, cancellationToken).ConfigureAwait(false);
        try
        {
            AuthServer auth = await AuthServer.StartAsync(backend, new AuthServerOptions
            {
                ClusterName = config.ClusterName,
                DataDirectory = dataDir,
                StaticTokens = [.. config.AuthService.Tokens],
                SecondFactor = SecondFactorName(config.AuthService.Authentication.SecondFactor),
                SessionRecording = RecordingName(config.AuthService.SessionRecording),
                PublicAddress = ProxyPublicAddress(config),
                LoggerFactory = loggerFactory,
            }, cancellationToken).ConfigureAwait(false);
            AuthApiServer api = await AuthApiServer.StartAsync(auth, new AuthApiOptions
            {
                ListenEndPoint = await EndPoints.ResolveAsync(config.AuthService.ListenAddr, cancellationToken).ConfigureAwait(false),
                ServerNames = [config.Global.NodeName, .. config.AuthService.PublicAddr.Select(a => a.Host)],
                LoggerFactory = loggerFactory,
            }, cancellationToken).ConfigureAwait(false);
            await AdminIdentity.WriteAsync(auth, dataDir, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Auth service of cluster {Cluster} is listening on {Address}; CA pin {Pin}", auth.Name, api.LocalEndPoint, auth.Authorities.Tls.Pin);
            return new AuthServiceHost(backend, auth, api);
        }
        catch
        {
            await backend.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync().ConfigureAwait(false);
        _auth.Dispose();
        await _backend.DisposeAsync().ConfigureAwait(false);
    }

    private static string SecondFactorName(SecondFactor mode) => mode switch
    {
        SecondFactor.Off => SecondFactors.Off,
        SecondFactor.On => SecondFactors.On,
        SecondFactor.Optional => SecondFactors.Optional,
        _ => SecondFactors.Otp,
    };

    private static string RecordingName(SessionRecordingMode mode) => mode switch
    {
        SessionRecordingMode.NodeSync => "node-sync",
        SessionRecordingMode.Proxy => "proxy",
        SessionRecordingMode.ProxySync => "proxy-sync",
        SessionRecordingMode.Off => "off",
        _ => "node",
    };

    /// <summary>Where invitation links point: the proxy's public address, else this host's web port.</summary>
    private static string ProxyPublicAddress(TeleportConfig config) =>
        config.ProxyService.PublicAddr.FirstOrDefault()?.Addr
        ?? (config.ProxyService.WebListenAddr.IsUnspecifiedHost ? config.ProxyService.WebListenAddr.WithHost(config.Global.NodeName) : config.ProxyService.WebListenAddr).Addr;
}
