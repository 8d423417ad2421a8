using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Auth;

/// <summary>
/// Teleport's agentless path with our tctl: a plain OpenSSH sshd trusts the cluster's user CA
/// (tctl auth export) and presents a host certificate from tctl auth sign --host; OpenSSH's ssh
/// logs in with a certificate from tctl auth sign --user and checks the host through the
/// @cert-authority line from tctl auth export --type=host.
/// </summary>
public sealed class AgentlessOpenSshTests(AuthProcess auth) : IClassFixture<AuthProcess>
{
    [Fact]
    public async Task A_plain_sshd_accepts_cluster_users_and_ssh_verifies_its_host_certificate()
    {
        TempDirectory directory = auth.Directory;
        string login = Environment.UserName;
        Assert.Equal(0, (await auth.TctlAsync("users", "add", "agentless", "--roles=access", $"--logins={login}")).ExitCode);

        string hostKey = directory.Combine("sshd_host");
        Assert.Equal(0, (await auth.TctlAsync("auth", "sign", "--host=localhost", "--format=openssh", $"--out={hostKey}")).ExitCode);
        string userKey = directory.Combine("agentless_user");
        Assert.Equal(0, (await auth.TctlAsync("auth", "sign", "--user=agentless", $"--out={userKey}", "--ttl=1h")).ExitCode);
        await File.WriteAllTextAsync(directory.Combine("trusted_user_ca"), (await auth.TctlAsync("auth", "export", "--type=openssh")).StandardOutput);
        string hostCa = (await auth.TctlAsync("auth", "export", "--type=host")).StandardOutput.Trim();

        int port = Ports.Free();
        string config = directory.Combine("sshd_config");
        await File.WriteAllLinesAsync(config,
        [
            $"Port {port}", "ListenAddress 127.0.0.1",
            $"HostKey {hostKey}", $"HostCertificate {hostKey}-cert.pub",
            $"TrustedUserCAKeys {directory.Combine("trusted_user_ca")}",
            "AuthorizedKeysFile none", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
            "UsePAM no", "StrictModes no", $"PidFile {directory.Combine("sshd.pid")}",
        ]);
        Directory.CreateDirectory("/run/sshd");
        using System.Diagnostics.Process sshd = ExternalProcess.Start("/usr/sbin/sshd", ["-D", "-e", "-f", config]);
        try
        {
            await Eventually.WaitAsync(() => sshd.HasExited || Ports.Accepts(port), "sshd to listen");
            Assert.False(sshd.HasExited, "sshd exited");

            // The exported line names *.cluster and the cluster; ssh dials "localhost", so add that pattern.
            await File.WriteAllTextAsync(directory.Combine("known_hosts"), hostCa.Replace("@cert-authority ", "@cert-authority localhost,", StringComparison.Ordinal) + "\n");
            ProcessResult ssh = await ExternalProcess.RunAsync("ssh",
            [
                "-F", "/dev/null", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-i", userKey, "-o", $"CertificateFile={userKey}-cert.pub", "-o", "IdentitiesOnly=yes",
                "-o", $"UserKnownHostsFile={directory.Combine("known_hosts")}", "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                $"{login}@localhost", "echo agentless ok",
            ]);
            Assert.True(ssh.ExitCode == 0, ssh.ToString());
            Assert.Equal("agentless ok\n", ssh.StandardOutput);
        }
        finally
        {
            sshd.Kill();
        }
    }
}
