using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Teleport.Api.Identity;
using Teleport.Proxy.Web.Endpoints;

namespace Teleport.Proxy.Web;

/// <summary>
/// The proxy's HTTPS port (<c>web_listen_addr</c>, 3080) on Kestrel: TLS 1.2 and 1.3 only; a
/// client certificate is requested but not required (the login and invitation calls need none),
/// and when one is presented it must chain to the cluster's TLS CA and be valid now. Bodies,
/// headers and request times are bounded; logins and invitations are rate limited per address.
/// </summary>
internal sealed class WebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private WebServer(WebApplication app, X509Certificate2 certificate, IPEndPoint endPoint)
    {
        _app = app;
        _certificate = certificate;
        LocalEndPoint = endPoint;
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Login attempts (and invitation calls) each address may make: a burst, then a few per second, as Teleport's web limiter.</summary>
    public const int LoginBurst = 20;
    public const int LoginsPerSecond = 5;

    public static async Task<WebServer> StartAsync(WebContext web, X509Certificate2Collection clusterAuthorities, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ProxyServiceOptions options = web.Options;
        ILogger logger = loggerFactory.CreateLogger("proxy:web");
        X509Certificate2 certificate = WebCertificate.Load(options, logger);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = WebRequests.MaxBodySize;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
            kestrel.Listen(options.WebListenAddr, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (client, _, _) => ClusterCertificateChain.IsIssuedBy(client, clusterAuthorities, options.Clock.GetUtcNow()),
                HandshakeTimeout = TimeSpan.FromSeconds(10),
            }));
        });
        builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = TimeSpan.FromSeconds(30),
            TimeoutStatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status504GatewayTimeout,
        });
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(WebRouter.LoginRateLimitPolicy, context => RateLimitPartition.GetTokenBucketLimiter(
                context.ClientAddress(),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = LoginBurst,
                    TokensPerPeriod = LoginsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }));
            limiter.OnRejected = (rejected, _) => new ValueTask(WebErrors.WriteAsync(rejected.HttpContext, HttpStatusCode.TooManyRequests, "too many requests from this address: slow down and try again in a few seconds"));
        });

        WebApplication app = builder.Build();
        app.UseRequestTimeouts();
        app.UseRateLimiter();
        var router = new WebRouter(app, web, logger);
        PingEndpoint.Map(router);
        LoginEndpoint.Map(router);
        InvitationEndpoints.Map(router);
        NodesEndpoint.Map(router);
        InvitationPage.Map(router);
        ReverseTunnel.HostCredentialsEndpoint.Map(router);
        app.MapFallback(context => WebErrors.WriteAsync(context, HttpStatusCode.NotFound, $"no such web API call: {context.Request.Method} {context.Request.Path}"));

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            certificate.Dispose();
            throw;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebServer(app, certificate, new IPEndPoint(options.WebListenAddr.Address, new Uri(address).Port));
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificate.Dispose();
    }
}
