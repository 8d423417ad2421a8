using System.Security.Cryptography.X509Certificates;
using Teleport.Api.Identity;

namespace Teleport.Auth.Trust;

/// <summary>
/// Who a TLS certificate says its holder is: a user (CN = user name, O = roles) or a cluster
/// component (CN = host id, system role Node/Proxy/Auth/Admin), and the cluster that issued it.
/// </summary>
public sealed record TlsIdentity(string Name, IReadOnlyList<string> Roles, string ClusterName, string? SystemRole = null)
{
    /// <summary>Private-arc OIDs for the fields X.509 has no place for.</summary>
    public const string ClusterNameOid = TeleportTlsExtensions.ClusterNameOid;
    public const string SystemRoleOid = TeleportTlsExtensions.SystemRoleOid;

    /// <summary>A user's traits (<c>internal.logins</c> and the like), so a proxy can expand role templates without reading the user.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Traits { get; init; }

    /// <summary>Builds the subject: CN = name, one O per role.</summary>
    public X500DistinguishedName ToSubject()
    {
        var builder = new X500DistinguishedNameBuilder();
        foreach (string role in Roles)
        {
            builder.AddOrganizationName(role);
        }

        builder.AddCommonName(Name);
        return builder.Build();
    }

    /// <summary>Reads the identity from a certificate this cluster issued; null if it lacks the cluster extension.</summary>
    public static TlsIdentity? FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        string? cluster = ReadUtf8Extension(certificate, ClusterNameOid);
        if (cluster is null)
        {
            return null;
        }

        string name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return new TlsIdentity(name, TeleportTlsExtensions.ReadRoles(certificate), cluster, ReadUtf8Extension(certificate, SystemRoleOid));
    }

    internal static X509Extension Utf8Extension(string oid, string value) => TeleportTlsExtensions.Utf8Extension(oid, value);

    private static string? ReadUtf8Extension(X509Certificate2 certificate, string oid) => TeleportTlsExtensions.ReadUtf8Extension(certificate, oid);
}
