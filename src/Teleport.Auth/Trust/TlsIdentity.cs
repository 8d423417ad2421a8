using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Teleport.Auth.Trust;

/// <summary>
/// Who a TLS certificate says its holder is: a user (CN = user name, O = roles) or a cluster
/// component (CN = host id, system role Node/Proxy/Auth/Admin), and the cluster that issued it.
/// </summary>
public sealed record TlsIdentity(string Name, IReadOnlyList<string> Roles, string ClusterName, string? SystemRole = null)
{
    /// <summary>Private-arc OIDs for the fields X.509 has no place for.</summary>
    public const string ClusterNameOid = "1.3.9999.1.7";
    public const string SystemRoleOid = "1.3.9999.1.8";

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
        var roles = new List<string>();
        foreach (X500RelativeDistinguishedName rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.GetSingleElementType().Value == "2.5.4.10" && rdn.GetSingleElementValue() is { } organization)
            {
                roles.Add(organization);
            }
        }

        return new TlsIdentity(name, roles, cluster, ReadUtf8Extension(certificate, SystemRoleOid));
    }

    internal static X509Extension Utf8Extension(string oid, string value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
        return new X509Extension(oid, writer.Encode(), critical: false);
    }

    private static string? ReadUtf8Extension(X509Certificate2 certificate, string oid)
    {
        X509Extension? extension = certificate.Extensions[oid];
        if (extension is null)
        {
            return null;
        }

        try
        {
            return new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadCharacterString(UniversalTagNumber.UTF8String);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
