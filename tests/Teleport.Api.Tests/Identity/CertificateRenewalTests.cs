using Teleport.Api.Identity;
using Teleport.Ssh.Keys;

namespace Teleport.Api.Tests.Identity;

public sealed class CertificateRenewalTests
{
    [Fact]
    public async Task A_certificate_is_due_two_thirds_into_its_validity()
    {
        using SshPrivateKey ca = SshPrivateKey.Generate();
        using SshPrivateKey host = SshPrivateKey.Generate();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        SshCertificate certificate = await new SshCertificateBuilder(host.PublicKey, SshCertificateType.Host)
        {
            KeyId = "host",
            ValidAfter = start,
            ValidBefore = start.AddDays(300),
            Principals = { "node1" },
        }.SignAsync(ca);

        Assert.Equal(start.AddDays(200), CertificateRenewal.RenewAt(certificate));
    }

    [Fact]
    public async Task A_certificate_without_end_is_never_due()
    {
        using SshPrivateKey ca = SshPrivateKey.Generate();
        using SshPrivateKey host = SshPrivateKey.Generate();
        SshCertificate certificate = await new SshCertificateBuilder(host.PublicKey, SshCertificateType.Host)
        {
            KeyId = "host",
            Principals = { "node1" },
        }.SignAsync(ca);

        Assert.Null(CertificateRenewal.RenewAt(certificate));
    }
}
