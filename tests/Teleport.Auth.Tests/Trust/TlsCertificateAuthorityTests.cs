using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Teleport.Auth.Trust;

namespace Teleport.Auth.Tests.Trust;

public sealed class TlsCertificateAuthorityTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void Issued_certificates_carry_the_identity_and_chain_to_the_ca()
    {
        using var ca = TlsCertificateAuthority.Create("example.com", Now);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var identity = new TlsIdentity("alice", ["access", "editor"], "example.com");
        using X509Certificate2 certificate = ca.Issue(identity, new PublicKey(key), Now.AddMinutes(-1), Now.AddHours(12));

        TlsIdentity? read = TlsIdentity.FromCertificate(certificate);
        Assert.NotNull(read);
        Assert.Equal("alice", read.Name);
        Assert.Equal(["access", "editor"], read.Roles);
        Assert.Equal("example.com", read.ClusterName);
        Assert.Null(read.SystemRole);
        Assert.True(ca.Verifies(certificate, Now));
        Assert.False(ca.Verifies(certificate, Now.AddHours(13)));
    }

    [Fact]
    public void Another_cluster_ca_does_not_verify_our_certificates()
    {
        using var ca = TlsCertificateAuthority.Create("example.com", Now);
        using var other = TlsCertificateAuthority.Create("example.com", Now);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 certificate = other.Issue(new TlsIdentity("node", [], "example.com", "Node"), new PublicKey(key), Now, Now.AddHours(1));
        Assert.False(ca.Verifies(certificate, Now));
        Assert.Equal("Node", TlsIdentity.FromCertificate(certificate)!.SystemRole);
    }

    [Fact]
    public void Survives_export_and_import_and_keeps_its_pin()
    {
        using var ca = TlsCertificateAuthority.Create("example.com", Now);
        using var restored = TlsCertificateAuthority.FromPem(ca.CertificatePem, ca.ExportPrivateKey());
        Assert.Equal(ca.Pin, restored.Pin);
        Assert.Matches("^sha256:[0-9a-f]{64}$", ca.Pin);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 certificate = restored.Issue(new TlsIdentity("bob", ["access"], "example.com"), new PublicKey(key), Now, Now.AddHours(1));
        Assert.True(ca.Verifies(certificate, Now));
    }

    [Fact]
    public async Task Openssl_verifies_an_issued_server_certificate()
    {
        using var ca = TlsCertificateAuthority.Create("example.com", Now);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 certificate = ca.Issue(new TlsIdentity("auth", [], "example.com", "Auth"), new PublicKey(key), Now.AddMinutes(-1), Now.AddHours(1), ["localhost", "127.0.0.1"]);
        string directory = Directory.CreateTempSubdirectory("tlsca-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "ca.pem"), ca.CertificatePem);
            await File.WriteAllTextAsync(Path.Combine(directory, "leaf.pem"), certificate.ExportCertificatePem());
            var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in new[] { "verify", "-CAfile", Path.Combine(directory, "ca.pem"), "-purpose", "sslserver", "-verify_ip", "127.0.0.1", Path.Combine(directory, "leaf.pem") })
            {
                start.ArgumentList.Add(argument);
            }

            using Process openssl = Process.Start(start)!;
            string output = await openssl.StandardOutput.ReadToEndAsync() + await openssl.StandardError.ReadToEndAsync();
            await openssl.WaitForExitAsync();
            Assert.True(openssl.ExitCode == 0, output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
