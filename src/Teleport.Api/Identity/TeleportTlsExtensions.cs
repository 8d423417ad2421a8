using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Teleport.Api.Identity;

/// <summary>
/// The X.509 extensions the cluster's TLS CA adds for what a certificate's subject has no place
/// for (private-arc OIDs, UTF8String values): the cluster, a component's system role, and a
/// user's traits as JSON (the same JSON as the SSH certificate's <c>teleport-traits</c>).
/// </summary>
public static class TeleportTlsExtensions
{
    public const string ClusterNameOid = "1.3.9999.1.7";
    public const string SystemRoleOid = "1.3.9999.1.8";
    public const string TraitsOid = "1.3.9999.1.9";

    /// <summary>The subject's O values: a user's roles, or a component's system role.</summary>
    public static IReadOnlyList<string> ReadRoles(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var roles = new List<string>();
        foreach (X500RelativeDistinguishedName rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.GetSingleElementType().Value == "2.5.4.10" && rdn.GetSingleElementValue() is { } organization)
            {
                roles.Add(organization);
            }
        }

        return roles;
    }

    public static X509Extension Utf8Extension(string oid, string value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
        return new X509Extension(oid, writer.Encode(), critical: false);
    }

    /// <summary>The UTF8String value of extension <paramref name="oid"/>; null when absent or malformed.</summary>
    public static string? ReadUtf8Extension(X509Certificate2 certificate, string oid)
    {
        ArgumentNullException.ThrowIfNull(certificate);
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

    /// <summary>A user's traits from <see cref="TraitsOid"/>; empty when absent or unreadable.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadTraits(X509Certificate2 certificate)
    {
        string? json = ReadUtf8Extension(certificate, TraitsOid);
        var empty = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (json is null)
        {
            return empty;
        }

        try
        {
            Dictionary<string, string[]>? traits = System.Text.Json.JsonSerializer.Deserialize(json, CertExtensionJsonContext.Default.DictionaryStringStringArray);
            return traits?.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value, StringComparer.Ordinal) ?? empty;
        }
        catch (System.Text.Json.JsonException)
        {
            return empty;
        }
    }
}
