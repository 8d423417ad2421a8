using System.Security.Cryptography.X509Certificates;
using System.Text;
using Teleport.Api.Client;

namespace Teleport.IntegrationTests.Support;

/// <summary>
/// A real `teleport start --roles=auth` from bin/ with its own teleport.yaml and data directory,
/// and tctl pointed at the same file. It can be stopped gracefully or with kill -9 and started again.
/// </summary>
public sealed class AuthProcess : IAsyncLifetime
{
    public const string ClusterName = "itest.local";
    public const string StaticToken = "static-integration-token-42";

    private readonly TeleportDaemon _daemon;

    public AuthProcess()
    {
        _daemon = new TeleportDaemon(ConfigPath);
    }

    internal TempDirectory Directory { get; } = new("teleport-itest-");

    public int Port { get; } = Ports.Free();

    public string ConfigPath => Directory.Combine("teleport.yaml");

    /// <summary><c>auth_service.session_recording</c>, set before the process starts.</summary>
    public string SessionRecording { get; init; } = "node";

    public string DataDir => Directory.Combine("data");

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>What the process printed, for failure messages.</summary>
    public string Log => _daemon.Log;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(ConfigPath, $"""
            version: v3
            teleport:
              nodename: itest-auth
              data_dir: {DataDir}
              log:
                severity: DEBUG
            auth_service:
              enabled: yes
              listen_addr: 127.0.0.1:{Port}
              cluster_name: {ClusterName}
              tokens:
                - "node:{StaticToken}"
              authentication:
                type: local
                second_factor: otp
              session_recording: {SessionRecording}
            ssh_service:
              enabled: no
            proxy_service:
              enabled: no
            """);
        await StartAsync();
    }

    public Task StartAsync() => _daemon.StartAsync();

    /// <summary>SIGTERM and wait for a graceful exit, or SIGKILL (kill -9) when <paramref name="kill"/>.</summary>
    public Task StopAsync(bool kill = false) => _daemon.StopAsync(kill);

    public Task<ProcessResult> TctlAsync(params string[] arguments) =>
        ExternalProcess.RunAsync(Repository.Bin("tctl"), ["-c", ConfigPath, .. arguments], new RunOptions());

    public Task<ProcessResult> TctlWithInputAsync(string standardInput, params string[] arguments) =>
        ExternalProcess.RunAsync(Repository.Bin("tctl"), ["-c", ConfigPath, .. arguments], new RunOptions { StandardInput = new MemoryStream(Encoding.UTF8.GetBytes(standardInput)) });

    /// <summary>The admin client tctl uses, for calls tctl has no command for.</summary>
    public AuthClient Admin()
    {
        (X509Certificate2 certificate, X509Certificate2Collection authorities) = LocalAdminIdentity.Load(DataDir);
        return new AuthClient(Address, AuthServerTrust.FromAuthorities(authorities), certificate);
    }

    /// <summary>A client without a certificate that trusts the cluster's CA.</summary>
    public AuthClient Anonymous() => new(Address, AuthServerTrust.FromAuthorities(LocalAdminIdentity.Load(DataDir).Authorities));

    public async Task DisposeAsync()
    {
        await StopAsync(kill: true);
        Directory.Dispose();
    }
}
