using System.Net.Http.Json;
using System.Security.Authentication;
using System.Text.Json;
using Teleport.Api.Config;

namespace Teleport.Srv.Tunnel;

/// <summary>
/// Asks the proxy's web API (<c>GET /webapi/ping</c>) where its reverse tunnel listens:
/// <c>proxy.ssh.ssh_tunnel_public_addr</c>, else the tunnel listen port on the proxy's host. The
/// web certificate is not checked (it is usually self-signed); the tunnel itself is: the proxy
/// must present a host certificate from the cluster's host CA.
/// </summary>
internal sealed class ProxyPing : IDisposable
{
    private const int MaxAnswerBytes = 64 * 1024;

    private readonly NetAddr _proxy;
    private readonly HttpClient _http;

    public ProxyPing(string proxyServer)
    {
        _proxy = NetAddr.Parse(proxyServer, Ports.ProxyWeb);
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri("https://" + _proxy.Addr),
            Timeout = TimeSpan.FromSeconds(15),
            MaxResponseContentBufferSize = MaxAnswerBytes,
        };
    }

    /// <summary>The tunnel address to dial now.</summary>
    public async Task<NetAddr> TunnelAddressAsync(CancellationToken cancellationToken)
    {
        using JsonDocument ping = await _http.GetFromJsonAsync<JsonDocument>("/webapi/ping", cancellationToken).ConfigureAwait(false)
            ?? throw new IOException($"the proxy at {_proxy} answered its ping with nothing");
        return TunnelAddress(ping.RootElement, _proxy);
    }

    /// <summary>Reads the tunnel address from a ping answer; a listen-everywhere host means the proxy's own host.</summary>
    internal static NetAddr TunnelAddress(JsonElement ping, NetAddr proxy)
    {
        if (ping.ValueKind == JsonValueKind.Object
            && ping.TryGetProperty("proxy", out JsonElement proxySection) && proxySection.ValueKind == JsonValueKind.Object
            && proxySection.TryGetProperty("ssh", out JsonElement ssh) && ssh.ValueKind == JsonValueKind.Object)
        {
            foreach (string key in (ReadOnlySpan<string>)["ssh_tunnel_public_addr", "tunnel_listen_addr"])
            {
                if (ssh.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.String
                    && NetAddr.TryParse(value.GetString(), Ports.ProxyTunnel, out NetAddr? addr))
                {
                    return addr.IsUnspecifiedHost ? addr.WithHost(proxy.Host) : addr;
                }
            }
        }

        return new NetAddr(proxy.Host, Ports.ProxyTunnel);
    }

    public void Dispose() => _http.Dispose();
}
