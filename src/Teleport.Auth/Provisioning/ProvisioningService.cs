using System.Security.Cryptography;
using System.Text;
using Teleport.Api.Config;
using Teleport.Api.Types;
using Teleport.Auth.Audit;
using Teleport.Auth.Storage;
using Teleport.Auth.Trust;

namespace Teleport.Auth.Provisioning;

/// <summary>
/// Join tokens and joining: static tokens from auth_service.tokens, dynamic ones from tctl tokens
/// add (kept until they expire); a host presenting a valid token for the role it asks gets host
/// certificates. Failures are audited as instance.join with the reason and answered plainly.
/// </summary>
public sealed class ProvisioningService(ResourceStore<ProvisionToken> tokens, IReadOnlyList<StaticToken> staticTokens, CertificateService certificates, AuditLog audit, TimeProvider clock)
{
    public static readonly TimeSpan DefaultTokenTtl = TimeSpan.FromMinutes(30);

    /// <summary>tctl tokens add: a random token for <paramref name="roles"/>, valid for <paramref name="ttl"/>.</summary>
    public async Task<ProvisionToken> CreateTokenAsync(IReadOnlyList<string> roles, TimeSpan? ttl, string? value, string by, CancellationToken cancellationToken = default)
    {
        var normalized = new List<string>();
        foreach (string role in roles)
        {
            if (!SystemRoles.TryNormalize(role, out string? canonical))
            {
                throw AuthException.BadParameter($"\"{role}\" is not a role a token can grant ({string.Join(", ", SystemRoles.All)})");
            }

            normalized.Add(canonical);
        }

        TimeSpan lifetime = ttl ?? DefaultTokenTtl;
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(365))
        {
            throw AuthException.BadParameter("a token's TTL must be between 1s and 365 days");
        }

        string name = value ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var token = new ProvisionToken
        {
            Metadata = new Metadata { Name = name, Expires = clock.GetUtcNow() + lifetime },
            Spec = new ProvisionTokenSpec { Roles = ValueList.From(normalized), JoinMethod = JoinMethods.Token },
        };
        await tokens.CreateAsync(token, cancellationToken).ConfigureAwait(false);
        await audit.EmitAsync(AuditEvent.Create(AuditEventType.JoinTokenCreate, by)
            .With("roles", normalized)
            .With("join_method", JoinMethods.Token)
            .With("expires", token.Metadata.Expires!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>Static tokens (never expiring, from the configuration) and the dynamic ones.</summary>
    public async Task<IReadOnlyList<ProvisionToken>> ListTokensAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ProvisionToken> dynamic = await tokens.ListAsync(cancellationToken).ConfigureAwait(false);
        return [.. staticTokens.Select(StaticResource), .. dynamic];
    }

    public Task DeleteTokenAsync(string name, CancellationToken cancellationToken = default) => tokens.DeleteAsync(name, cancellationToken);

    public async Task<IssuedHostCertificates> JoinAsync(JoinRequest request, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<string>? grants = await RolesOfAsync(request.Token, cancellationToken).ConfigureAwait(false);
        string? problem = grants is null
            ? "the join token is not valid: it may have expired or been deleted; create a new one with tctl tokens add --type=node"
            : !SystemRoles.TryNormalize(request.Role, out string? role) || !grants.Contains(role)
                ? $"the join token does not allow joining as {request.Role} (it allows {string.Join(", ", grants)})"
                : null;
        if (problem is not null)
        {
            await audit.EmitAsync(AuditEvent.Create(AuditEventType.InstanceJoinFailure)
                .With("node_name", request.NodeName)
                .With("role", request.Role)
                .With("method", JoinMethods.Token)
                .With("success", false)
                .With("error", problem)
                .With("addr.remote", remoteAddress), cancellationToken).ConfigureAwait(false);
            throw AuthException.AccessDenied(problem);
        }

        string hostId = string.IsNullOrEmpty(request.HostId) ? Guid.NewGuid().ToString() : request.HostId;
        if (!Guid.TryParse(hostId, out _))
        {
            throw AuthException.BadParameter("host_id must be a UUID");
        }

        SystemRoles.TryNormalize(request.Role, out string? canonicalRole);
        IssuedHostCertificates issued = await certificates.IssueHostAsync(hostId, request.NodeName, canonicalRole!, request.SshKey, request.TlsKey, request.DnsNames, cancellationToken).ConfigureAwait(false);
        await audit.EmitAsync(AuditEvent.Create(AuditEventType.InstanceJoin)
            .With("host_id", hostId)
            .With("node_name", request.NodeName)
            .With("role", canonicalRole)
            .With("method", JoinMethods.Token)
            .With("success", true)
            .With("addr.remote", remoteAddress), cancellationToken).ConfigureAwait(false);
        return issued;
    }

    /// <summary>The roles a token grants, or null when it is unknown or expired. Static tokens compare in constant time.</summary>
    private async Task<IReadOnlyList<string>?> RolesOfAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 256)
        {
            return null;
        }

        byte[] presented = Encoding.UTF8.GetBytes(token);
        foreach (StaticToken candidate in staticTokens)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(candidate.Secret)))
            {
                return [.. candidate.Roles];
            }
        }

        if (token.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        ProvisionToken? stored = await tokens.GetAsync(token, cancellationToken).ConfigureAwait(false);
        return stored is null || (stored.Metadata.Expires is { } expires && expires <= clock.GetUtcNow()) ? null : [.. stored.Spec.Roles];
    }

    private static ProvisionToken StaticResource(StaticToken token) => new()
    {
        Metadata = new Metadata { Name = token.Secret, Labels = ValueMap.From([new KeyValuePair<string, string>("teleport.dev/origin", "config-file")]) },
        Spec = new ProvisionTokenSpec { Roles = token.Roles, JoinMethod = JoinMethods.Token },
    };
}
