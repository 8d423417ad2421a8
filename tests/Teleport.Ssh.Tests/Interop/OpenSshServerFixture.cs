using System.Diagnostics;
using Teleport.Ssh.Keys;
using Teleport.Ssh.TestServer;

namespace Teleport.Ssh.Tests.Interop;

/// <summary>
/// A real OpenSSH sshd on a loopback port that trusts our user CA (TrustedUserCAKeys) and presents
/// a host certificate signed by our host CA, as an agentless Teleport node would.
/// </summary>
public sealed class OpenSshServerFixture : IAsyncLifetime
{
    private Process? _sshd;

    internal TempDirectory Directory { get; } = new("sshd-interop-");

    public SshPrivateKey UserCa { get; } = SshPrivateKey.Generate();

    public SshPrivateKey HostCa { get; } = SshPrivateKey.Generate();

    public int Port { get; private set; }

    /// <summary>The login: sshd can only switch to another user when it runs as root.</summary>
    public string UserName { get; } = Environment.UserName;

    public async Task InitializeAsync()
    {
        string hostKey = Directory.Combine("ssh_host_ed25519_key");
        ProcessResult made = await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", hostKey]);
        Assert.True(made.ExitCode == 0, made.ToString());
        SshPublicKey hostPublic = SshKeyFile.ParsePublicKey(await File.ReadAllTextAsync(hostKey + ".pub"));
        var hostCertificate = new SshCertificateBuilder(hostPublic, SshCertificateType.Host)
        {
            KeyId = "sshd test host",
            ValidAfter = DateTimeOffset.UtcNow.AddMinutes(-5),
            ValidBefore = DateTimeOffset.UtcNow.AddHours(2),
        };
        hostCertificate.Principals.Add("127.0.0.1");
        hostCertificate.Principals.Add("localhost");
        await File.WriteAllTextAsync(hostKey + "-cert.pub", hostCertificate.Sign(HostCa).ToOpenSshString() + "\n");
        await File.WriteAllTextAsync(Directory.Combine("trusted_user_ca_keys"), UserCa.PublicKey.ToOpenSshString() + "\n");

        Port = Ports.Free();
        string config = Directory.Combine("sshd_config");
        await File.WriteAllLinesAsync(config,
        [
            $"Port {Port}",
            "ListenAddress 127.0.0.1",
            $"HostKey {hostKey}",
            $"HostCertificate {hostKey}-cert.pub",
            $"TrustedUserCAKeys {Directory.Combine("trusted_user_ca_keys")}",
            "AuthorizedKeysFile none",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "StrictModes no",
            "AllowTcpForwarding yes",
            $"PidFile {Directory.Combine("sshd.pid")}",
            "LogLevel VERBOSE",
        ]);

        // sshd's privilege separation wants its empty directory.
        System.IO.Directory.CreateDirectory("/run/sshd");
        _sshd = ExternalProcess.Start("/usr/sbin/sshd", ["-D", "-e", "-f", config]);
        await Eventually.WaitAsync(() => _sshd.HasExited || Ports.Accepts(Port), "sshd to listen");
        if (_sshd.HasExited)
        {
            Assert.Fail("sshd exited: " + await _sshd.StandardError.ReadToEndAsync());
        }

        // sshd logs to stderr (-e); keep draining it so a full pipe never blocks it.
        _ = _sshd.StandardError.ReadToEndAsync();
        _ = _sshd.StandardOutput.ReadToEndAsync();
    }

    /// <summary>A user certificate from our CA for <paramref name="key"/>, valid for the given principals.</summary>
    public SshCertificate SignUser(SshPrivateKey key, IEnumerable<string> principals, TimeSpan? validFor = null, DateTimeOffset? validAfter = null)
    {
        var builder = new SshCertificateBuilder(key.PublicKey, SshCertificateType.User)
        {
            KeyId = "alice@cluster",
            ValidAfter = validAfter ?? DateTimeOffset.UtcNow.AddMinutes(-5),
            ValidBefore = (validAfter ?? DateTimeOffset.UtcNow) + (validFor ?? TimeSpan.FromHours(1)),
        }.WithDefaultUserExtensions();
        foreach (string principal in principals)
        {
            builder.Principals.Add(principal);
        }

        return builder.Sign(UserCa);
    }

    public Task DisposeAsync()
    {
        if (_sshd is { HasExited: false })
        {
            _sshd.Kill(entireProcessTree: true);
        }

        _sshd?.Dispose();
        UserCa.Dispose();
        HostCa.Dispose();
        Directory.Dispose();
        return Task.CompletedTask;
    }
}
