using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Teleport.Api.Client;

namespace Teleport.IntegrationTests.Support;

/// <summary>
/// A whole cluster in ONE real process, as the quickstart runs it: <c>bin/teleport start -c FILE</c>
/// with auth, proxy and node (cluster <c>itest</c>, node <c>itest-node</c> labelled <c>env=test</c>,
/// <c>second_factor: otp</c>), every listener on a free loopback port. Users are created as an
/// admin would (<c>tctl users add</c>) and complete their invitation through the proxy's web API
/// with an <c>oathtool</c> code. Extra nodes can join with the static token.
/// </summary>
public sealed partial class ProxyCluster : IAsyncLifetime
{
    public const string Cluster = "itest";
    public const string NodeName = "itest-node";
    public const string StaticToken = "static-proxy-itest-token-7";

    private readonly TeleportDaemon _daemon;
    private readonly List<TeleportDaemon> _extraNodes = [];
    private HttpClient? _web;
    private int _nodesStarted;

    public ProxyCluster()
    {
        _daemon = new TeleportDaemon(ConfigPath);
    }

    public TempDirectory Directory { get; } = new("teleport-proxy-itest-");

    public string ConfigPath => Directory.Combine("teleport.yaml");

    public string DataDir => Directory.Combine("data");

    public int AuthPort { get; } = Ports.Free();

    public int WebPort { get; } = Ports.Free();

    public int SshProxyPort { get; } = Ports.Free();

    public int TunnelPort { get; } = Ports.Free();

    public int NodePort { get; } = Ports.Free();

    public string ClusterName => Cluster;

    public string AuthAddress => $"127.0.0.1:{AuthPort}";

    /// <summary>The web API (HTTPS), host:port.</summary>
    public string WebAddress => $"127.0.0.1:{WebPort}";

    public string SshProxyAddress => $"127.0.0.1:{SshProxyPort}";

    public string TunnelAddress => $"127.0.0.1:{TunnelPort}";

    /// <summary>An HTTP client for the web API that accepts the proxy's self-signed certificate (and no other).</summary>
    public HttpClient Web => _web ?? throw new InvalidOperationException("the cluster has not started");

    /// <summary>The self-signed certificate the proxy made in data_dir on its first start.</summary>
    public string WebCertificatePath => System.IO.Path.Combine(DataDir, "webproxy_cert.pem");

    /// <summary>What the process printed, for failure messages.</summary>
    public string Log => _daemon.Log;

    public TeleportDaemon Daemon => _daemon;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(ConfigPath, $"""
            version: v3
            teleport:
              nodename: {NodeName}
              data_dir: {DataDir}
              log:
                severity: DEBUG
            auth_service:
              enabled: yes
              listen_addr: {AuthAddress}
              cluster_name: {Cluster}
              tokens:
                - "node:{StaticToken}"
              authentication:
                type: local
                second_factor: otp
            proxy_service:
              enabled: yes
              web_listen_addr: {WebAddress}
              listen_addr: {SshProxyAddress}
              tunnel_listen_addr: {TunnelAddress}
            ssh_service:
              enabled: yes
              listen_addr: 127.0.0.1:{NodePort}
              labels:
                env: test
            """);
        await _daemon.StartAsync();
        _web = CreateWebClient(null);
        await WaitForNodeAsync(NodeName);
    }

    /// <summary>
    /// A web API client trusting exactly the proxy's self-signed certificate, optionally
    /// presenting <paramref name="clientCertificate"/> (a user's TLS certificate from a login).
    /// </summary>
    public HttpClient CreateWebClient(System.Security.Cryptography.X509Certificates.X509Certificate2? clientCertificate)
    {
        var pinned = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(WebCertificatePath));
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(pinned.RawData);
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return new HttpClient(handler) { BaseAddress = new Uri($"https://{WebAddress}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public Task<ProcessResult> Tctl(params string[] arguments) =>
        ExternalProcess.RunAsync(Repository.Bin("tctl"), ["-c", ConfigPath, .. arguments], new RunOptions());

    public Task<ProcessResult> TctlWithInputAsync(string standardInput, params string[] arguments) =>
        ExternalProcess.RunAsync(Repository.Bin("tctl"), ["-c", ConfigPath, .. arguments], new RunOptions { StandardInput = new MemoryStream(Encoding.UTF8.GetBytes(standardInput)) });

    /// <summary>The admin client tctl uses, for audit searches.</summary>
    public AuthClient Admin()
    {
        (System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, System.Security.Cryptography.X509Certificates.X509Certificate2Collection authorities) = LocalAdminIdentity.Load(DataDir);
        return new AuthClient(AuthAddress, AuthServerTrust.FromAuthorities(authorities), certificate);
    }

    /// <summary>tctl create -f of a role with the given spec (YAML under <c>spec:</c>, unindented).</summary>
    public Task CreateRoleAsync(string name, string spec)
    {
        string indented = string.Join('\n', spec.Split('\n').Select(line => "  " + line));
        return CheckAsync(TctlWithInputAsync($"kind: role\nversion: v7\nmetadata:\n  name: {name}\nspec:\n{indented}\n", "create", "-f", "-"));
    }

    /// <summary>
    /// tctl users add, then the invitation completed through the web API as the sign-up page
    /// would: the TOTP secret from the otpauth URI, a password, and oathtool's current code.
    /// </summary>
    public async Task<(string Password, string OtpSecret)> CreateUserAsync(string name, string roles, string logins)
    {
        ProcessResult added = await Tctl("users", "add", name, $"--roles={roles}", $"--logins={logins}");
        Assert.True(added.ExitCode == 0, added.ToString());
        string token = InviteToken().Match(added.StandardOutput) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("no invitation URL in: " + added.StandardOutput);

        JsonElement invite = await GetJsonAsync($"/webapi/users/password/token/{token}");
        string uri = invite.GetProperty("otp_auth_uri").GetString()!;
        string secret = SecretParameter().Match(uri) is { Success: true } found ? Uri.UnescapeDataString(found.Groups[1].Value) : throw new InvalidOperationException("no secret in " + uri);
        string password = "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(10));
        string code = await Oathtool.CodeAsync(secret);
        using HttpResponseMessage completed = await Web.PutAsJsonAsync("/webapi/users/password/token", new Dictionary<string, string>
        {
            ["token"] = token,
            ["password"] = password,
            ["second_factor_token"] = code,
        });
        Assert.True(completed.IsSuccessStatusCode, await completed.Content.ReadAsStringAsync());
        return (password, secret);
    }

    /// <summary>A code the user's authenticator shows 30 s from now: newer than the one the invitation used, and still accepted (one step of skew).</summary>
    public static Task<string> NextCodeAsync(string secret) => Oathtool.CodeAsync(secret, DateTimeOffset.UtcNow.AddSeconds(30));

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using HttpResponseMessage reply = await Web.GetAsync(path);
        string body = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.IsSuccessStatusCode, $"GET {path}: {(int)reply.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// Starts another node process joined with the static token (straight to Auth), with its own
    /// name, labels and port; it stops with the cluster. Returns the daemon and its SSH port.
    /// </summary>
    public async Task<(TeleportDaemon Node, int Port)> StartNodeAsync(string nodeName, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int port = Ports.Free();
        string suffix = Interlocked.Increment(ref _nodesStarted).ToString(CultureInfo.InvariantCulture);
        string config = Directory.Combine($"node-{suffix}.yaml");
        string labelLines = labels.Count == 0 ? " {}" : "\n" + string.Concat(labels.Select(l => $"    {l.Key}: {l.Value}\n")).TrimEnd('\n');
        await File.WriteAllTextAsync(config, $"""
            version: v3
            teleport:
              nodename: {nodeName}
              data_dir: {Directory.Combine($"node-data-{suffix}")}
              auth_server: {AuthAddress}
              join_params:
                token_name: {StaticToken}
                method: token
              log:
                severity: DEBUG
            auth_service:
              enabled: no
            proxy_service:
              enabled: no
            ssh_service:
              enabled: yes
              listen_addr: 127.0.0.1:{port}
              labels:{labelLines}
            """);
        var node = new TeleportDaemon(config);
        lock (_extraNodes)
        {
            _extraNodes.Add(node);
        }

        await node.StartAsync();
        return (node, port);
    }

    /// <summary>Waits until Auth lists a node named <paramref name="nodeName"/> (its first heartbeat).</summary>
    public async Task<IReadOnlyList<string>> WaitForNodeAsync(string nodeName, int count = 1)
    {
        using AuthClient admin = Admin();
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            string[] ids = [.. (await admin.GetResourcesAsync("node")).OfType<Teleport.Api.Types.Server>().Where(n => n.Spec.Hostname == nodeName).Select(n => n.Metadata.Name)];
            if (ids.Length >= count)
            {
                return ids;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"node {nodeName} did not heartbeat:\n{Log}");
            }

            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (TeleportDaemon node in _extraNodes)
        {
            await node.DisposeAsync();
        }

        await _daemon.DisposeAsync();
        _web?.Dispose();
        Directory.Dispose();
    }

    private static async Task CheckAsync(Task<ProcessResult> run)
    {
        ProcessResult result = await run;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"exit {result.ExitCode}: {result.StandardOutput}{result.StandardError}");
        }
    }

    [GeneratedRegex("/web/invite/([0-9A-Za-z_-]+)")]
    private static partial Regex InviteToken();

    [GeneratedRegex("[?&]secret=([^&]+)")]
    private static partial Regex SecretParameter();
}
