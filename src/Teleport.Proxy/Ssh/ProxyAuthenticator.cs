using Teleport.Api.Identity;
using Teleport.Proxy.Cluster;
using Teleport.Ssh.Auth;
using Teleport.Ssh.Keys;

namespace Teleport.Proxy.Ssh;

/// <summary>
/// Who may use the SSH proxy: a user certificate signed by the cluster's user CA (from the cache,
/// no Auth call), valid now. The login the client names is not checked here: the node decides
/// logins, and the proxy only decides which nodes a user may reach.
/// </summary>
internal sealed class ProxyAuthenticator(ClusterCache cluster, TimeProvider clock) : SshServerAuthenticator
{
    private const string PlainKeyMessage = "the proxy accepts only certificates issued by the cluster, not plain keys: log in with tsh login";
    private static readonly IReadOnlyList<string> Methods = [AuthMethodNames.PublicKey];

    public override IReadOnlyList<string> GetMethods(UserAuthContext context) => Methods;

    /// <summary>OpenSSH offers plain keys before the certificate made from them: refuse those quietly at the query step.</summary>
    public override ValueTask<bool> CanTryPublicKeyAsync(UserAuthContext context, SshPublicKey key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(key is SshCertificate { Type: SshCertificateType.User });

    public override ValueTask<AuthResult> AuthenticatePublicKeyAsync(UserAuthContext context, SshPublicKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (key is not SshCertificate certificate)
        {
            return ValueTask.FromResult(AuthResult.Denied(PlainKeyMessage));
        }

        // Any principal will do (the node checks the login); the checker wants one to compare.
        string principal = certificate.Principals.Count > 0 ? certificate.Principals[0] : string.Empty;
        CertificateCheckResult check = new SshCertificateChecker(cluster.Current.UserCaKeys, clock)
            .Check(certificate, SshCertificateType.User, principal, context.RemoteAddress);
        if (!check.IsValid)
        {
            string hint = check.Error!.Contains("expired", StringComparison.Ordinal) || check.Error.Contains("untrusted", StringComparison.Ordinal)
                ? ": log in again with tsh login"
                : string.Empty;
            return ValueTask.FromResult(AuthResult.Denied($"access denied by the proxy: {check.Error}{hint}"));
        }

        var user = new ProxyUser(certificate.KeyId, certificate, TeleportCertExtensions.ReadRoles(certificate), TeleportCertExtensions.ReadTraits(certificate));
        return ValueTask.FromResult(AuthResult.Success(user));
    }
}
