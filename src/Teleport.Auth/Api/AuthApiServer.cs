using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Teleport.Api.Client;
using Teleport.Auth.Api.Endpoints;
using Teleport.Auth.Trust;

namespace Teleport.Auth.Api;

/// <summary>
/// The Auth API over HTTPS with mutual TLS (Kestrel): TLS 1.2 and 1.3 only; a client certificate
/// is optional (public endpoints) but when presented it must chain to the cluster's TLS CA and be
/// valid now, or the handshake fails. The server's own certificate comes from the same CA and is
/// sent with the CA, so a joining host can check it against its ca_pin.
/// </summary>
public sealed class AuthApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private AuthApiServer(WebApplication app, X509Certificate2 certificate, IPEndPoint endPoint)
    {
        _app = app;
        _certificate = certificate;
        LocalEndPoint = endPoint;
    }

    public IPEndPoint LocalEndPoint { get; }

    public static async Task<AuthApiServer> StartAsync(AuthServer auth, AuthApiOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(options);
        X509Certificate2 certificate = IssueServerCertificate(auth, options);
        ILoggerFactory loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Recordings.RecordingStore.MaxRecordingSize;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
            kestrel.Listen(options.ListenEndPoint, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                ServerCertificateChain = [auth.Authorities.Tls.Certificate],
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (client, _, _) => auth.Authorities.Tls.Verifies(client, auth.Options.Clock.GetUtcNow()),
                HandshakeTimeout = TimeSpan.FromSeconds(10),
            }));
        });
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PublicEndpoints.RateLimitPolicy, context => RateLimitPartition.GetTokenBucketLimiter(
                RequestContext.RateLimitKey(context),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = 50,
                    TokensPerPeriod = options.PublicRequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }));
            limiter.OnRejected = (rejected, token) => new ValueTask(ApiErrors.WriteAsync(
                rejected.HttpContext, AuthException.LimitExceeded("too many requests from this address: slow down"), NullLogger.Instance));
        });

        WebApplication app = builder.Build();
        app.UseRateLimiter();
        var router = new ApiRouter(app, auth, new ApiAuthorizer(auth), loggerFactory.CreateLogger("Teleport.Auth.Api"));
        PublicEndpoints.Map(router);
        UserEndpoints.Map(router);
        ResourceEndpoints.Map(router);
        ClusterEndpoints.Map(router);
        app.MapFallback(context => ApiErrors.WriteAsync(context, AuthException.NotFound($"no such API call: {context.Request.Method} {context.Request.Path}"), NullLogger.Instance));

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var bound = new Uri(address);
        return new AuthApiServer(app, certificate, new IPEndPoint(options.ListenEndPoint.Address, bound.Port));
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificate.Dispose();
    }

    /// <summary>The Auth service's own TLS identity, re-issued at every start.</summary>
    private static X509Certificate2 IssueServerCertificate(AuthServer auth, AuthApiOptions options)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        DateTimeOffset now = auth.Options.Clock.GetUtcNow();
        string[] names = ["teleport.cluster.local", "localhost", "127.0.0.1", "::1", Dns.GetHostName(), .. options.ServerNames];
        using X509Certificate2 issued = auth.Authorities.Tls.Issue(
            new TlsIdentity($"auth.{auth.Name}", [Teleport.Api.Types.SystemRoles.Auth], auth.Name, Teleport.Api.Types.SystemRoles.Auth),
            new PublicKey(key),
            now.AddMinutes(-1),
            now.AddYears(1),
            names.Distinct(StringComparer.OrdinalIgnoreCase));
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);

        // Kestrel wants a certificate whose key it can use on any thread: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }
}
