using System.Text.Json;
using Teleport.Ssh.Keys;

namespace Teleport.Api.Identity;

/// <summary>
/// The extensions Teleport adds to the certificates its CAs sign: the user's roles and traits as
/// JSON (read by nodes to authorize a login), and the host's system role and cluster.
/// </summary>
public static class TeleportCertExtensions
{
    public const string Roles = "teleport-roles";
    public const string Traits = "teleport-traits";
    public const string HostRole = "x-teleport-role";
    public const string HostAuthority = "x-teleport-authority";

    public static string WriteRoles(IEnumerable<string> roles) =>
        JsonSerializer.Serialize(new RolesExtensionValue("v1", [.. roles]), CertExtensionJsonContext.Default.RolesExtensionValue);

    public static string WriteTraits(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> traits) =>
        JsonSerializer.Serialize(traits.ToDictionary(t => t.Key, t => t.Value.ToArray(), StringComparer.Ordinal), CertExtensionJsonContext.Default.DictionaryStringStringArray);

    /// <summary>The role names in a certificate Teleport issued; empty when absent or unreadable.</summary>
    public static IReadOnlyList<string> ReadRoles(SshCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.Extensions.TryGetValue(Roles, out string? json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(json, CertExtensionJsonContext.Default.RolesExtensionValue)?.Roles ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The traits in a certificate Teleport issued; empty when absent or unreadable.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadTraits(SshCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.Extensions.TryGetValue(Traits, out string? json))
        {
            return new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        }

        try
        {
            Dictionary<string, string[]>? traits = JsonSerializer.Deserialize(json, CertExtensionJsonContext.Default.DictionaryStringStringArray);
            return traits?.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value, StringComparer.Ordinal)
                ?? new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        }
    }
}
