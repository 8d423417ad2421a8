using System.Diagnostics;
using Teleport.Auth.Trust;
using Teleport.Ssh;
using Teleport.Ssh.Keys;

namespace Teleport.Auth.Tests.Trust;

public sealed class SshCertificateIssuerTests
{
    private readonly SshCertificateIssuer _issuer = new(TimeProvider.System);

    [Fact]
    public async Task A_user_certificate_reads_back_in_ssh_keygen_as_Teleport_writes_it()
    {
        using SshPrivateKey ca = SshPrivateKey.Generate();
        using SshPrivateKey user = SshPrivateKey.Generate();
        var traits = new Dictionary<string, IReadOnlyList<string>> { ["logins"] = ["root", "alice"] };
        SshCertificate certificate = await _issuer.IssueUserAsync(ca, new UserCertificateRequest(
            user.PublicKey, "alice", ["root", "alice"], ["access"], traits, TimeSpan.FromHours(12), PermitPortForwarding: true, PermitAgentForwarding: false));

        Assert.Equal("alice", certificate.KeyId);
        Assert.Equal(["root", "alice"], certificate.Principals);
        Assert.Equal(["access"], Teleport.Api.Identity.TeleportCertExtensions.ReadRoles(certificate));
        Assert.Equal(["root", "alice"], Teleport.Api.Identity.TeleportCertExtensions.ReadTraits(certificate)["logins"]);
        Assert.InRange((long)(certificate.ValidBefore - certificate.ValidAfter), 12 * 3600, 12 * 3600 + 120);

        string listing = await SshKeygenListAsync(certificate);
        Assert.Contains("Type: ssh-ed25519-cert-v01@openssh.com user certificate", listing, StringComparison.Ordinal);
        Assert.Contains("Key ID: \"alice\"", listing, StringComparison.Ordinal);
        Assert.Contains("permit-port-forwarding", listing, StringComparison.Ordinal);
        Assert.Contains("permit-pty", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("permit-agent-forwarding", listing, StringComparison.Ordinal);
        Assert.Contains("teleport-roles", listing, StringComparison.Ordinal);
        Assert.Matches(@"Principals: \n\s+root\n\s+alice", listing);
    }

    [Fact]
    public async Task A_host_certificate_has_Teleport_principals_and_extensions()
    {
        using SshPrivateKey ca = SshPrivateKey.Generate();
        using SshPrivateKey host = SshPrivateKey.Generate(AlgorithmNames.EcdsaNistp256);
        SshCertificate certificate = await _issuer.IssueHostAsync(ca, host.PublicKey, "5e9f0b6a", "web1", "example.com", "Node", TimeSpan.FromDays(365));
        Assert.Equal(SshCertificateType.Host, certificate.Type);
        Assert.Equal(["5e9f0b6a.example.com", "5e9f0b6a", "web1.example.com", "web1"], certificate.Principals);
        Assert.Equal("Node", certificate.Extensions[Teleport.Api.Identity.TeleportCertExtensions.HostRole]);
        Assert.Equal("example.com", certificate.Extensions[Teleport.Api.Identity.TeleportCertExtensions.HostAuthority]);
        Assert.True(new SshCertificateChecker([ca.PublicKey]).Check(certificate, SshCertificateType.Host, "web1").IsValid);

        string listing = await SshKeygenListAsync(certificate);
        Assert.Contains("host certificate", listing, StringComparison.Ordinal);
        Assert.Contains("x-teleport-role", listing, StringComparison.Ordinal);
    }

    private static async Task<string> SshKeygenListAsync(SshCertificate certificate)
    {
        string path = Path.Combine(Path.GetTempPath(), $"cert-{Guid.NewGuid():N}-cert.pub");
        await File.WriteAllTextAsync(path, certificate.ToOpenSshString() + "\n");
        try
        {
            var start = new ProcessStartInfo("ssh-keygen") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("-L");
            start.ArgumentList.Add("-f");
            start.ArgumentList.Add(path);
            using Process process = Process.Start(start)!;
            string output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return output;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
