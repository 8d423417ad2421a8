using Teleport.Api.Identity;
using Teleport.Api.Types;
using Teleport.Ssh.Keys;

namespace Teleport.Srv.Tunnel;

/// <summary>
/// The tunnel agent's check of the proxy it dialled: a host certificate signed by the cluster's host
/// CA, valid now, for the role Proxy. The name is not checked (the tunnel address may be a load
/// balancer's): only the cluster's CA can make a Proxy certificate, as in Teleport's agent.
/// </summary>
internal static class ProxyHostCertificate
{
    public static string? Problem(SshPublicKey key, IReadOnlyList<SshPublicKey> hostCaKeys, TimeProvider clock)
    {
        if (key is not SshCertificate certificate)
        {
            return "the proxy presented a plain host key, not a certificate from the cluster's host CA";
        }

        if (certificate.Principals.Count == 0)
        {
            return "the proxy's host certificate names no principals";
        }

        CertificateCheckResult check = new SshCertificateChecker(hostCaKeys, clock).Check(certificate, SshCertificateType.Host, certificate.Principals[0]);
        if (!check.IsValid)
        {
            return $"the proxy's host certificate is not acceptable: {check.Error}";
        }

        return certificate.Extensions.TryGetValue(TeleportCertExtensions.HostRole, out string? role) && string.Equals(role, SystemRoles.Proxy, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"the host at the tunnel address is a {role ?? "host without a role"}, not a Proxy";
    }
}
