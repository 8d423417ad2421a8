using System.Security.Cryptography.X509Certificates;
using Teleport.Api.Identity;

namespace Teleport.Proxy.Web;

/// <summary>
/// A user authenticated on the web port by mutual TLS: the TLS certificate from their login
/// (chained to the cluster's TLS CA at the handshake; CN = user, O = roles, traits in an extension).
/// </summary>
internal sealed record WebUser(string Name, IReadOnlyList<string> Roles, IReadOnlyDictionary<string, IReadOnlyList<string>> Traits)
{
    /// <summary>The user of <paramref name="certificate"/>; refuses none, another cluster's, and a component's certificate.</summary>
    public static WebUser From(X509Certificate2? certificate, string clusterName)
    {
        if (certificate is null)
        {
            throw WebApiException.AccessDenied("this call needs the TLS certificate from your login: log in with tsh login");
        }

        string? cluster = TeleportTlsExtensions.ReadUtf8Extension(certificate, TeleportTlsExtensions.ClusterNameOid);
        if (!string.Equals(cluster, clusterName, StringComparison.Ordinal))
        {
            throw WebApiException.AccessDenied($"the certificate belongs to cluster \"{cluster}\", not \"{clusterName}\"");
        }

        if (TeleportTlsExtensions.ReadUtf8Extension(certificate, TeleportTlsExtensions.SystemRoleOid) is { } systemRole)
        {
            throw WebApiException.AccessDenied($"a {systemRole} certificate is not a user's");
        }

        return new WebUser(
            certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
            TeleportTlsExtensions.ReadRoles(certificate),
            TeleportTlsExtensions.ReadTraits(certificate));
    }
}
