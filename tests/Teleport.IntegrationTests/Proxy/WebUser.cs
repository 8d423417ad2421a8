using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Proxy;

/// <summary>
/// A user who logged in through the web API as tsh would: an OpenSSH key pair (ssh-keygen) whose
/// certificate lands next to it as <c>-cert.pub</c>, a TLS key with its certificate, and a
/// known_hosts that trusts the cluster's host CA from <c>host_signers</c>.
/// </summary>
internal sealed class WebUser
{
    private WebUser(string name, string keyPath, string knownHosts, X509Certificate2 tlsCertificate, JsonElement login)
    {
        Name = name;
        KeyPath = keyPath;
        KnownHosts = knownHosts;
        TlsCertificate = tlsCertificate;
        Login = login;
    }

    public string Name { get; }

    public string KeyPath { get; }

    public string CertificatePath => KeyPath + "-cert.pub";

    public string KnownHosts { get; }

    public X509Certificate2 TlsCertificate { get; }

    /// <summary>The login's answer as the proxy sent it.</summary>
    public JsonElement Login { get; }

    /// <summary>Creates <paramref name="name"/> (tctl users add, invitation through the web API) and logs in with the next TOTP code.</summary>
    public static async Task<WebUser> CreateAndLoginAsync(ProxyCluster cluster, string name, string roles, string logins)
    {
        (string password, string secret) = await cluster.CreateUserAsync(name, roles, logins);
        return await LoginAsync(cluster, name, password, await ProxyCluster.NextCodeAsync(secret));
    }

    public static async Task<WebUser> LoginAsync(ProxyCluster cluster, string name, string password, string code)
    {
        string keyPath = cluster.Directory.Combine($"{name}-key");
        ProcessResult generated = await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-C", name, "-f", keyPath]);
        Assert.True(generated.ExitCode == 0, generated.ToString());
        using var tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using HttpResponseMessage reply = await cluster.Web.PostAsJsonAsync("/webapi/ssh/certs", new Dictionary<string, string>
        {
            ["user"] = name,
            ["password"] = password,
            ["otp_token"] = code,
            ["pub_key"] = (await File.ReadAllTextAsync(keyPath + ".pub")).Trim(),
            ["tls_pub_key"] = Convert.ToBase64String(tlsKey.ExportSubjectPublicKeyInfo()),
            ["ttl"] = "1h",
        });
        string body = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.IsSuccessStatusCode, $"login of {name}: {(int)reply.StatusCode} {body}");
        JsonElement login = JsonDocument.Parse(body).RootElement.Clone();
        await File.WriteAllTextAsync(keyPath + "-cert.pub", login.GetProperty("cert").GetString() + "\n");
        string knownHosts = cluster.Directory.Combine($"{name}-known_hosts");
        await File.WriteAllLinesAsync(knownHosts, login.GetProperty("host_signers").EnumerateArray().Select(s => "@cert-authority * " + s.GetString()));
        using X509Certificate2 pem = X509Certificate2.CreateFromPem(login.GetProperty("tls_cert").GetString());
        using X509Certificate2 withKey = pem.CopyWithPrivateKey(tlsKey);
        return new WebUser(name, keyPath, knownHosts, X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null), login);
    }

    /// <summary>
    /// OpenSSH through the proxy: <c>ssh -F CONFIG -J USER@PROXY LOGIN@HOST COMMAND</c>, the config
    /// (passed on to the jump, unlike command-line options) holding the key, certificate and known_hosts.
    /// </summary>
    public async Task<ProcessResult> SshJumpAsync(ProxyCluster cluster, string login, string host, params string[] command)
    {
        string config = cluster.Directory.Combine($"{Name}-ssh_config");
        await SshConfigAsync(config);
        return await ExternalProcess.RunAsync("/usr/bin/ssh", ["-F", config, "-J", $"{Name}@{cluster.SshProxyAddress}", $"{login}@{host}", .. command], new RunOptions
        {
            StandardInput = new MemoryStream(),
            Timeout = TimeSpan.FromSeconds(60),
        });
    }

    /// <summary>OpenSSH straight to the proxy asking for a subsystem (<c>ssh -s</c>), as tsh asks for <c>proxy:HOST:PORT@CLUSTER</c>.</summary>
    public async Task<ProcessResult> SubsystemAsync(ProxyCluster cluster, string subsystem)
    {
        string config = cluster.Directory.Combine($"{Name}-ssh_config");
        await SshConfigAsync(config);
        return await ExternalProcess.RunAsync("/usr/bin/ssh", ["-F", config, "-p", cluster.SshProxyAddress.Split(':')[1], "-s", $"{Name}@127.0.0.1", subsystem], new RunOptions
        {
            StandardInput = new MemoryStream(),
            Timeout = TimeSpan.FromSeconds(60),
        });
    }

    private Task SshConfigAsync(string config) => File.WriteAllTextAsync(config, $"""
        Host *
          IdentityFile {KeyPath}
          CertificateFile {CertificatePath}
          IdentitiesOnly yes
          UserKnownHostsFile {KnownHosts}
          GlobalKnownHostsFile /dev/null
          StrictHostKeyChecking yes
          BatchMode yes
          LogLevel INFO
        """);
}
