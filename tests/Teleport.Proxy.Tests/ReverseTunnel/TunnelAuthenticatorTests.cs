using Teleport.Api.Identity;
using Teleport.Proxy.ReverseTunnel;
using Teleport.Ssh.Auth;
using Teleport.Ssh.Keys;

namespace Teleport.Proxy.Tests.ReverseTunnel;

public sealed class TunnelAuthenticatorTests : IDisposable
{
    private const string Cluster = "example";
    private const string HostId = "6f1c0b9e-0d7c-4a3e-9a55-2f0e7e0b8f11";
    private static readonly string User = $"{HostId}.{Cluster}";

    private readonly SshPrivateKey _hostCa = SshPrivateKey.Generate();
    private readonly SshPrivateKey _otherCa = SshPrivateKey.Generate();
    private readonly SshPrivateKey _node = SshPrivateKey.Generate();

    private TunnelAuthenticator Authenticator => new(() => [_hostCa.PublicKey], Cluster, TimeProvider.System);

    [Fact]
    public void A_node_host_certificate_from_the_cluster_opens_a_tunnel_for_its_host_id()
    {
        AuthResult result = Authenticator.Authenticate(User, Certificate(SshCertificateType.Host, _hostCa, "Node", User));

        Assert.Equal(AuthOutcome.Success, result.Outcome);
        Assert.Equal(new TunnelAgentIdentity(HostId, Cluster), result.Identity);
    }

    [Fact]
    public void Another_hosts_certificate_cannot_log_in_as_this_host()
    {
        AuthResult result = Authenticator.Authenticate($"0b7e1c2d-0000-4a3e-9a55-2f0e7e0b8f11.{Cluster}", Certificate(SshCertificateType.Host, _hostCa, "Node", User));

        Assert.Equal(AuthOutcome.Failure, result.Outcome);
        Assert.Contains("is not valid for host", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Proxy")]
    [InlineData("Auth")]
    public void Only_the_node_role_may_keep_a_tunnel(string role)
    {
        AuthResult result = Authenticator.Authenticate(User, Certificate(SshCertificateType.Host, _hostCa, role, User));

        Assert.Equal(AuthOutcome.Failure, result.Outcome);
        Assert.Contains("not Node", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_certificates_other_cas_plain_keys_and_odd_user_names_are_refused()
    {
        Assert.Equal(AuthOutcome.Failure, Authenticator.Authenticate(User, Certificate(SshCertificateType.User, _hostCa, "Node", User)).Outcome);
        Assert.Contains("untrusted", Authenticator.Authenticate(User, Certificate(SshCertificateType.Host, _otherCa, "Node", User)).Message, StringComparison.Ordinal);
        Assert.Equal(AuthOutcome.Failure, Authenticator.Authenticate(User, _node.PublicKey).Outcome);
        Assert.Equal(AuthOutcome.Failure, Authenticator.Authenticate($"{HostId}.other-cluster", Certificate(SshCertificateType.Host, _hostCa, "Node", $"{HostId}.other-cluster")).Outcome);
        Assert.Equal(AuthOutcome.Failure, Authenticator.Authenticate($"web1.{Cluster}", Certificate(SshCertificateType.Host, _hostCa, "Node", $"web1.{Cluster}")).Outcome);
    }

    [Fact]
    public void An_expired_certificate_is_refused()
    {
        var builder = new SshCertificateBuilder(_node.PublicKey, SshCertificateType.Host)
        {
            ValidAfter = DateTimeOffset.UtcNow.AddHours(-2),
            ValidBefore = DateTimeOffset.UtcNow.AddHours(-1),
        };
        builder.KeyId = HostId;
        builder.Principals.Add(User);
        builder.Extensions[TeleportCertExtensions.HostRole] = "Node";

        AuthResult result = Authenticator.Authenticate(User, builder.Sign(_hostCa));

        Assert.Equal(AuthOutcome.Failure, result.Outcome);
        Assert.Contains("expired", result.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _hostCa.Dispose();
        _otherCa.Dispose();
        _node.Dispose();
    }

    private SshCertificate Certificate(SshCertificateType type, SshPrivateKey authority, string role, string principal)
    {
        var builder = new SshCertificateBuilder(_node.PublicKey, type)
        {
            ValidAfter = DateTimeOffset.UtcNow.AddMinutes(-1),
            ValidBefore = DateTimeOffset.UtcNow.AddHours(1),
        };
        builder.KeyId = HostId;
        builder.Principals.Add(principal);
        builder.Extensions[TeleportCertExtensions.HostRole] = role;
        return builder.Sign(authority);
    }
}
