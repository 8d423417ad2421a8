using System.Net;
using System.Net.Http.Json;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Teleport.Api.Client;

/// <summary>
/// The typed client of the Auth API: HTTPS with mutual TLS (our certificate identifies us), JSON
/// bodies, TLS 1.2 and 1.3 only, every call bounded in time. Errors come back as
/// <see cref="AuthApiException"/> with the server's message.
/// </summary>
public sealed partial class AuthClient : IDisposable
{
    private readonly HttpClient _http;
    private volatile X509Certificate2? _clientCertificate;

    public AuthClient(string authServer, AuthServerTrust trust, X509Certificate2? clientCertificate = null, TimeSpan? timeout = null)
        : this(authServer, trust, clientCertificate, connect: null, timeout)
    {
    }

    /// <summary>
    /// A client whose connections are made by <paramref name="connect"/> instead of a TCP dial:
    /// a node behind a reverse tunnel reaches Auth through a channel to the proxy. TLS (and so
    /// mutual authentication) still runs end to end with Auth over that stream.
    /// </summary>
    public AuthClient(string authServer, AuthServerTrust trust, X509Certificate2? clientCertificate, Func<CancellationToken, ValueTask<Stream>>? connect, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(authServer);
        ArgumentNullException.ThrowIfNull(trust);
        _clientCertificate = clientCertificate;
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                RemoteCertificateValidationCallback = trust.Callback,
                // Chosen per connection, so a host that renewed its certificate uses the new one from then on.
                LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => _clientCertificate!,
                // Auth's certificate names the cluster, not the address we dialled: trust comes from the CA or pin.
                TargetHost = "teleport.cluster.local",
            },
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
        if (connect is not null)
        {
            handler.ConnectCallback = (_, cancellationToken) => connect(cancellationToken);
        }

        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri(authServer.Contains("://", StringComparison.Ordinal) ? authServer : "https://" + authServer),
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>New connections present <paramref name="certificate"/> (a renewed host certificate); open ones keep theirs.</summary>
    public void UseClientCertificate(X509Certificate2 certificate) => _clientCertificate = certificate ?? throw new ArgumentNullException(nameof(certificate));

    /// <summary>
    /// Connects trusting only a CA that matches one of <paramref name="pins"/> (Teleport's ca_pin):
    /// the CA is fetched from the server's ping without verification, checked against the pins,
    /// and only then trusted for the real client.
    /// </summary>
    public static async Task<AuthClient> ConnectPinnedAsync(string authServer, IReadOnlyList<string> pins, X509Certificate2? clientCertificate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pins);
        Messages.PingResponse ping;
        using (var unverified = new AuthClient(authServer, AuthServerTrust.InsecureSkipVerify()))
        {
            ping = await unverified.PingAsync(cancellationToken).ConfigureAwait(false);
        }

        var authorities = new X509Certificate2Collection();
        foreach (string pem in ping.TlsCaCertificates)
        {
            X509Certificate2 authority = X509Certificate2.CreateFromPem(pem);
            if (pins.Contains(AuthServerTrust.PinOf(authority), StringComparer.OrdinalIgnoreCase))
            {
                authorities.Add(authority);
            }
        }

        if (authorities.Count == 0)
        {
            throw new AuthApiException(HttpStatusCode.Unauthorized, ErrorKinds.AccessDenied,
                $"the Auth server at {authServer} does not present the CA of ca_pin {string.Join(", ", pins)}: check the pin with tctl status on the Auth host");
        }

        return new AuthClient(authServer, AuthServerTrust.FromAuthorities(authorities), clientCertificate);
    }

    public async Task<TResponse> GetAsync<TResponse>(string path, JsonTypeInfo<TResponse> response, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage reply = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
        return await ReadAsync(reply, response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]> GetBytesAsync(string path, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage reply = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
        try
        {
            return await reply.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw ConnectionLost(e);
        }
    }

    public async Task<TResponse> SendAsync<TRequest, TResponse>(HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> request, JsonTypeInfo<TResponse> response, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, request) };
        using HttpResponseMessage reply = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(reply, response, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendAsync<TRequest>(HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> request, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, request) };
        using HttpResponseMessage reply = await SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendBytesAsync(HttpMethod method, string path, Stream content, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(method, path) { Content = new StreamContent(content) };
        using HttpResponseMessage reply = await SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage reply = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Reads a JSON answer; a connection that breaks mid-body is the same failure as one that breaks before.</summary>
    private async Task<T> ReadAsync<T>(HttpResponseMessage reply, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            return (await reply.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false))!;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw ConnectionLost(e);
        }
    }

    private AuthApiException ConnectionLost(Exception e) =>
        new(HttpStatusCode.ServiceUnavailable, ErrorKinds.Internal, $"the connection to the Auth server at {BaseAddress} was lost: {e.Message}");

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage reply;
        try
        {
            reply = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new AuthApiException(HttpStatusCode.ServiceUnavailable, ErrorKinds.Internal, $"cannot reach the Auth server at {BaseAddress}: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            // With TLS 1.3 a refused client certificate shows up after the handshake, as a closed
            // connection: either way the cause is a certificate one side does not accept.
            throw new AuthApiException(HttpStatusCode.Unauthorized, ErrorKinds.AccessDenied,
                $"the TLS handshake with the Auth server at {BaseAddress} failed: its certificate is not trusted, or ours was refused (expired, or issued by another cluster): {e.InnerException?.Message ?? e.Message}");
        }
        finally
        {
            request.Dispose();
        }

        if (reply.IsSuccessStatusCode)
        {
            return reply;
        }

        using (reply)
        {
            ApiError? error = null;
            try
            {
                error = await reply.Content.ReadFromJsonAsync(ApiJsonContext.Default.ApiError, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                // Not our error body; fall back to the status line.
            }

            throw new AuthApiException(reply.StatusCode, error?.Error.Kind ?? ErrorKinds.Internal, error?.Error.Message ?? $"{(int)reply.StatusCode} {reply.ReasonPhrase}");
        }
    }
}
