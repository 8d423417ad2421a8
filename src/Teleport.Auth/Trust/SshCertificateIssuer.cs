using System.Security.Cryptography;
using System.Text.Json;
using Teleport.Ssh;
using Teleport.Ssh.Keys;

namespace Teleport.Auth.Trust;

/// <summary>
/// Signs the cluster's SSH certificates the way Teleport does, so OpenSSH and Teleport tooling read
/// them the same: user certificates with key id = user name, principals = allowed logins,
/// permit-* extensions from the roles and <c>teleport-roles</c> / <c>teleport-traits</c> as JSON;
/// host certificates with principals <c>uuid.cluster</c>, <c>uuid</c>, <c>nodename.cluster</c>,
/// <c>nodename</c> and the <c>x-teleport-role</c> / <c>x-teleport-authority</c> extensions.
/// </summary>
public sealed class SshCertificateIssuer(TimeProvider clock)
{
    public const string RolesExtension = "teleport-roles";
    public const string TraitsExtension = "teleport-traits";
    public const string HostRoleExtension = "x-teleport-role";
    public const string HostAuthorityExtension = "x-teleport-authority";

    /// <summary>Certificates start a minute in the past, so a client with a slightly slow clock can use them at once.</summary>
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(1);

    public async Task<SshCertificate> IssueUserAsync(ISshSigner userCa, UserCertificateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userCa);
        ArgumentNullException.ThrowIfNull(request);
        DateTimeOffset now = clock.GetUtcNow();
        var builder = new SshCertificateBuilder(request.PublicKey, SshCertificateType.User)
        {
            Serial = RandomSerial(),
            KeyId = request.UserName,
            ValidAfter = now - ClockSkewAllowance,
            ValidBefore = now + request.Ttl,
        };
        foreach (string login in request.Logins.Distinct(StringComparer.Ordinal))
        {
            builder.Principals.Add(login);
        }

        builder.Extensions["permit-pty"] = string.Empty;
        if (request.PermitPortForwarding)
        {
            builder.Extensions["permit-port-forwarding"] = string.Empty;
        }

        if (request.PermitAgentForwarding)
        {
            builder.Extensions["permit-agent-forwarding"] = string.Empty;
        }

        builder.Extensions[RolesExtension] = JsonSerializer.Serialize(new RolesExtensionValue("v1", [.. request.Roles]), IssuerJsonContext.Default.RolesExtensionValue);
        builder.Extensions[TraitsExtension] = JsonSerializer.Serialize(
            request.Traits.ToDictionary(t => t.Key, t => t.Value.ToArray(), StringComparer.Ordinal),
            IssuerJsonContext.Default.DictionaryStringStringArray);
        if (request.SourceAddress is { Length: > 0 } sourceAddress)
        {
            builder.CriticalOptions["source-address"] = sourceAddress;
        }

        return await builder.SignAsync(userCa, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A host certificate for a cluster member (role Node, Proxy, Auth) or an OpenSSH host (tctl auth sign --host).</summary>
    public async Task<SshCertificate> IssueHostAsync(ISshSigner hostCa, SshPublicKey publicKey, string hostId, string nodeName, string clusterName, string role, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hostCa);
        DateTimeOffset now = clock.GetUtcNow();
        var builder = new SshCertificateBuilder(publicKey, SshCertificateType.Host)
        {
            Serial = RandomSerial(),
            KeyId = string.IsNullOrEmpty(hostId) ? nodeName : $"{hostId}.{clusterName}",
            ValidAfter = now - ClockSkewAllowance,
            ValidBefore = ttl == TimeSpan.MaxValue ? null : now + ttl,
        };
        foreach (string principal in HostPrincipals(hostId, nodeName, clusterName))
        {
            builder.Principals.Add(principal);
        }

        builder.Extensions[HostRoleExtension] = role;
        builder.Extensions[HostAuthorityExtension] = clusterName;
        return await builder.SignAsync(hostCa, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The principals a host certificate carries, in Teleport's order.</summary>
    public static IReadOnlyList<string> HostPrincipals(string hostId, string nodeName, string clusterName)
    {
        var principals = new List<string>();
        if (!string.IsNullOrEmpty(hostId))
        {
            principals.Add($"{hostId}.{clusterName}");
            principals.Add(hostId);
        }

        if (!string.IsNullOrEmpty(nodeName))
        {
            principals.Add($"{nodeName}.{clusterName}");
            principals.Add(nodeName);
        }

        return [.. principals.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Reads the role names back from a certificate Teleport issued.</summary>
    public static IReadOnlyList<string> ReadRoles(SshCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.Extensions.TryGetValue(RolesExtension, out string? json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(json, IssuerJsonContext.Default.RolesExtensionValue)?.Roles ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Reads the traits back from a certificate Teleport issued.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadTraits(SshCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.Extensions.TryGetValue(TraitsExtension, out string? json))
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }

        try
        {
            Dictionary<string, string[]>? traits = JsonSerializer.Deserialize(json, IssuerJsonContext.Default.DictionaryStringStringArray);
            return traits?.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value, StringComparer.Ordinal) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }
    }

    private static ulong RandomSerial() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;
}
