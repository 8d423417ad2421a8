using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Teleport.Client.WebApi;

/// <summary>
/// The proxy's web API (HTTPS, port 3080) as tsh uses it: ping, login, the node list. Errors come
/// back as <see cref="ClientException"/> carrying the proxy's own message.
/// </summary>
public sealed class WebApiClient : IDisposable
{
    /// <summary>No web API answer tsh reads is this large; a larger one is refused, not buffered.</summary>
    public const int MaxResponseBytes = 8 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly string _proxyAddr;

    /// <param name="proxyAddr">host:port of the web proxy.</param>
    /// <param name="insecure">Skip verifying the proxy's HTTPS certificate (self-signed proxies; --insecure).</param>
    /// <param name="clientCertificate">The user's TLS certificate, for calls that need mutual TLS.</param>
    public WebApiClient(string proxyAddr, bool insecure, X509Certificate2? clientCertificate = null)
    {
        _proxyAddr = proxyAddr;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(15),
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                RemoteCertificateValidationCallback = insecure ? (_, _, _, _) => true : null,
                // The proxy asks for, but does not require, a client certificate: offer ours whatever CAs it names.
                LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
            },
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri("https://" + proxyAddr + "/"),
            Timeout = TimeSpan.FromSeconds(30),
            MaxResponseContentBufferSize = MaxResponseBytes,
        };
    }

    public Task<WebPingResponse> PingAsync(CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, "webapi/ping"), WebApiJsonContext.Default.WebPingResponse, cancellationToken);

    public Task<CreateSshCertResponse> CreateSshCertAsync(CreateSshCertRequest request, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "webapi/ssh/certs")
        {
            Content = new StringContent(JsonSerializer.Serialize(request, WebApiJsonContext.Default.CreateSshCertRequest), Encoding.UTF8, "application/json"),
        };
        return SendAsync(message, WebApiJsonContext.Default.CreateSshCertResponse, cancellationToken);
    }

    /// <summary>The nodes the user may see, filtered by <paramref name="labels"/> (all must match).</summary>
    public async Task<IReadOnlyList<WebNode>> GetNodesAsync(string cluster, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        string path = "webapi/sites/" + Uri.EscapeDataString(cluster) + "/nodes";
        if (labels.Count > 0)
        {
            path += "?labels=" + Uri.EscapeDataString(string.Join(",", labels.Select(l => l.Key + "=" + l.Value)));
        }

        WebNodeList list = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), WebApiJsonContext.Default.WebNodeList, cancellationToken).ConfigureAwait(false);

        // Filter here as well: the result must match what was asked even from a proxy that ignores the query.
        return [.. (list.Items ?? []).Where(node => labels.All(l => node.Labels is not null && node.Labels.TryGetValue(l.Key, out string? v) && v == l.Value))];
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new ClientException($"cannot reach the proxy at {_proxyAddr}: {Describe(e)}", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ClientException($"the proxy at {_proxyAddr} did not answer in time", e);
            }

            using (response)
            {
                string body;
                try
                {
                    body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    throw new ClientException($"bad answer from the proxy at {_proxyAddr}: {e.Message}", e);
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new ClientException(ErrorMessage(response.StatusCode, body));
                }

                try
                {
                    return JsonSerializer.Deserialize(body, type) ?? throw new ClientException($"empty answer from the proxy at {_proxyAddr}");
                }
                catch (JsonException e)
                {
                    throw new ClientException($"unreadable answer from the proxy at {_proxyAddr}: {e.Message}", e);
                }
            }
        }
    }

    /// <summary>The proxy's message when it sent Teleport's error shape, else the HTTP status.</summary>
    internal static string ErrorMessage(HttpStatusCode status, string body)
    {
        try
        {
            if (JsonSerializer.Deserialize(body, WebApiJsonContext.Default.WebError)?.Error?.Message is { Length: > 0 } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not the error shape (a load balancer's page, say): fall back to the status line.
        }

        return $"the proxy answered {(int)status} {status}";
    }

    private static string Describe(HttpRequestException e) =>
        e.InnerException is AuthenticationException auth
            ? $"{auth.Message} (if the proxy uses a self-signed certificate, log in with --insecure)"
            : e.Message;
}
