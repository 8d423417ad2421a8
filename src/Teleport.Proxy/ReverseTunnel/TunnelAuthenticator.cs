using Teleport.Api.Identity;
using Teleport.Api.Types;
using Teleport.Ssh.Auth;
using Teleport.Ssh.Keys;

namespace Teleport.Proxy.ReverseTunnel;

/// <summary>
/// Who may keep a reverse tunnel: a node presenting its host certificate as its public key. The
/// certificate must be a host certificate from the cluster's host CA, valid now, for the role
/// Node (<c>x-teleport-role</c>), and name the user it logs in as, <c>&lt;host uuid&gt;.&lt;cluster&gt;</c>,
/// among its principals. Anything else (user certificates, plain keys, another cluster) is refused.
/// </summary>
internal sealed class TunnelAuthenticator(Func<IReadOnlyList<SshPublicKey>> hostCaKeys, string clusterName, TimeProvider clock) : SshServerAuthenticator
{
    private static readonly IReadOnlyList<string> Methods = [AuthMethodNames.PublicKey];

    public override IReadOnlyList<string> GetMethods(UserAuthContext context) => Methods;

    public override ValueTask<bool> CanTryPublicKeyAsync(UserAuthContext context, SshPublicKey key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(key is SshCertificate);

    public override ValueTask<AuthResult> AuthenticatePublicKeyAsync(UserAuthContext context, SshPublicKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(Authenticate(context.UserName, key));
    }

    internal AuthResult Authenticate(string userName, SshPublicKey key)
    {
        if (key is not SshCertificate certificate)
        {
            return AuthResult.Denied("reverse tunnels accept only host certificates issued by the cluster");
        }

        string suffix = "." + clusterName;
        if (!userName.EndsWith(suffix, StringComparison.Ordinal) || !Guid.TryParse(userName[..^suffix.Length], out _))
        {
            return AuthResult.Denied($"a reverse tunnel logs in as <host uuid>.{clusterName}, not {userName}");
        }

        CertificateCheckResult check = new SshCertificateChecker(hostCaKeys(), clock).Check(certificate, SshCertificateType.Host, userName);
        if (!check.IsValid)
        {
            return AuthResult.Denied($"reverse tunnel refused: {check.Error}");
        }

        if (!certificate.Extensions.TryGetValue(TeleportCertExtensions.HostRole, out string? role) || !string.Equals(role, SystemRoles.Node, StringComparison.OrdinalIgnoreCase))
        {
            return AuthResult.Denied($"reverse tunnel refused: the certificate is for the role {role ?? "(none)"}, not Node");
        }

        return AuthResult.Success(new TunnelAgentIdentity(userName[..^suffix.Length], clusterName));
    }
}
