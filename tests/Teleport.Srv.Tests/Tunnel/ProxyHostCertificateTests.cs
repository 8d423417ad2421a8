using Teleport.Api.Identity;
using Teleport.Srv.Tunnel;
using Teleport.Ssh.Keys;

namespace Teleport.Srv.Tests.Tunnel;

public sealed class ProxyHostCertificateTests : IDisposable
{
    private readonly SshPrivateKey _hostCa = SshPrivateKey.Generate();
    private readonly SshPrivateKey _otherCa = SshPrivateKey.Generate();
    private readonly SshPrivateKey _proxy = SshPrivateKey.Generate();

    [Fact]
    public void A_proxy_certificate_from_the_cluster_host_ca_is_accepted_whatever_address_was_dialled()
    {
        Assert.Null(ProxyHostCertificate.Problem(Certificate(SshCertificateType.Host, _hostCa, "Proxy"), [_hostCa.PublicKey], TimeProvider.System));
    }

    [Fact]
    public void A_node_certificate_is_not_a_proxy()
    {
        string? problem = ProxyHostCertificate.Problem(Certificate(SshCertificateType.Host, _hostCa, "Node"), [_hostCa.PublicKey], TimeProvider.System);

        Assert.Equal("the host at the tunnel address is a Node, not a Proxy", problem);
    }

    [Fact]
    public void Another_ca_a_user_certificate_and_a_plain_key_are_refused()
    {
        Assert.Contains("untrusted", ProxyHostCertificate.Problem(Certificate(SshCertificateType.Host, _otherCa, "Proxy"), [_hostCa.PublicKey], TimeProvider.System), StringComparison.Ordinal);
        Assert.NotNull(ProxyHostCertificate.Problem(Certificate(SshCertificateType.User, _hostCa, "Proxy"), [_hostCa.PublicKey], TimeProvider.System));
        Assert.Contains("plain host key", ProxyHostCertificate.Problem(_proxy.PublicKey, [_hostCa.PublicKey], TimeProvider.System), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _hostCa.Dispose();
        _otherCa.Dispose();
        _proxy.Dispose();
    }

    private SshCertificate Certificate(SshCertificateType type, SshPrivateKey authority, string role)
    {
        var builder = new SshCertificateBuilder(_proxy.PublicKey, type)
        {
            KeyId = "proxy",
            ValidAfter = DateTimeOffset.UtcNow.AddMinutes(-1),
            ValidBefore = DateTimeOffset.UtcNow.AddHours(1),
        };
        builder.Principals.Add("proxy.example.com");
        builder.Extensions[TeleportCertExtensions.HostRole] = role;
        return builder.Sign(authority);
    }
}
