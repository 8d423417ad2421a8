using System.Security.Cryptography;
using Teleport.Api.Identity;
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

        builder.Extensions[TeleportCertExtensions.Roles] = TeleportCertExtensions.WriteRoles(request.Roles);
        builder.Extensions[TeleportCertExtensions.Traits] = TeleportCertExtensions.WriteTraits(request.Traits);
        if (request.SourceAddress is { Length: > 0 } sourceAddress)
        {
            builder.CriticalOptions["source-address"] = sourceAddress;
        }

        return await builder.SignAsync(userCa, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A host certificate for a cluster member (role Node, Proxy, Auth) or an OpenSSH host (tctl auth sign --host).</summary>
    public async Task<SshCertificate> IssueHostAsync(ISshSigner hostCa, SshPublicKey publicKey, string hostId, string nodeName, string clusterName, string role, TimeSpan ttl, IReadOnlyList<string>? additionalPrincipals = null, CancellationToken cancellationToken = default)
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
        // Teleport's additional principals: the addresses the host is reached at (localhost, public_addr).
        foreach (string principal in HostPrincipals(hostId, nodeName, clusterName).Concat(additionalPrincipals ?? []).Distinct(StringComparer.Ordinal))
        {
            builder.Principals.Add(principal);
        }

        builder.Extensions[TeleportCertExtensions.HostRole] = role;
        builder.Extensions[TeleportCertExtensions.HostAuthority] = clusterName;
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

    private static ulong RandomSerial() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;
}
