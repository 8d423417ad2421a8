using System.Security.Cryptography.X509Certificates;
using Teleport.Api.Identity;
using Teleport.Api.Rbac;
using Teleport.Api.Types;
using Teleport.Auth.Audit;
using Teleport.Auth.Storage;
using Teleport.Ssh.Keys;

namespace Teleport.Auth.Trust;

/// <summary>
/// Issues the cluster's certificates. A user's certificate follows the roles: principals are the
/// logins they allow (traits expanded), the TTL is what was asked (12 hours by default) capped by
/// the shortest <c>max_session_ttl</c>, forwarding is permitted as the roles say. Every
/// certificate issued is audited as cert.create.
/// </summary>
public sealed class CertificateService(ClusterAuthorities authorities, ResourceStore<Role> roles, AuditLog audit, TimeProvider clock)
{
    public static readonly TimeSpan DefaultUserTtl = TimeSpan.FromHours(12);
    public static readonly TimeSpan MinimumUserTtl = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan HostTtl = TimeSpan.FromDays(365);

    private readonly SshCertificateIssuer _issuer = new(clock);

    public ClusterAuthorities Authorities => authorities;

    /// <summary>The RBAC view of a user: their roles as stored now, their traits.</summary>
    public async Task<AccessChecker> AccessCheckerForAsync(User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userRoles = new List<Role>();
        foreach (string name in user.Spec.Roles)
        {
            Role role = await roles.GetAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw AuthException.AccessDenied($"role \"{name}\" of user {user.Metadata.Name} no longer exists");
            userRoles.Add(role.WithDefaults());
        }

        return new AccessChecker(userRoles, user.Spec.Traits);
    }

    public async Task<IssuedUserCertificates> IssueUserAsync(User user, SshPublicKey sshKey, PublicKey? tlsKey, TimeSpan? requestedTtl, string issuedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(sshKey);
        if (sshKey is SshCertificate)
        {
            throw AuthException.BadParameter("the public key to certify must be a plain key, not a certificate");
        }

        AccessChecker access = await AccessCheckerForAsync(user, cancellationToken).ConfigureAwait(false);
        TimeSpan ttl = requestedTtl ?? DefaultUserTtl;
        if (ttl < MinimumUserTtl)
        {
            throw AuthException.BadParameter($"a certificate TTL must be at least {MinimumUserTtl.TotalSeconds} seconds");
        }

        TimeSpan maximum = access.Options.MaxSessionTtl.ToTimeSpan();
        if (maximum > TimeSpan.Zero && ttl > maximum)
        {
            ttl = maximum;
        }

        AccessDecision decision = access.CheckLoginDuration(Duration.FromTimeSpan(ttl), out ValueList<string> logins);
        if (!decision.IsAllowed)
        {
            throw AuthException.AccessDenied(decision.Reason);
        }

        var traits = user.Spec.Traits.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)[.. t.Value], StringComparer.Ordinal);
        SshCertificate ssh = await _issuer.IssueUserAsync(authorities.UserCa, new UserCertificateRequest(
            sshKey,
            user.Metadata.Name,
            [.. logins],
            [.. user.Spec.Roles],
            traits,
            ttl,
            access.Options.CanPortForward,
            access.Options.ForwardAgent), cancellationToken).ConfigureAwait(false);

        X509Certificate2? tls = null;
        if (tlsKey is not null)
        {
            DateTimeOffset now = clock.GetUtcNow();
            tls = authorities.Tls.Issue(new TlsIdentity(user.Metadata.Name, [.. user.Spec.Roles], authorities.ClusterName) { Traits = traits }, tlsKey, now.AddMinutes(-1), now + ttl);
        }

        await audit.EmitAsync(AuditEvent.Create(AuditEventType.CertificateCreate, issuedBy)
            .With("cert_type", "user")
            .With("identity", new System.Text.Json.Nodes.JsonObject
            {
                ["user"] = user.Metadata.Name,
                ["roles"] = new System.Text.Json.Nodes.JsonArray([.. user.Spec.Roles.Select(r => (System.Text.Json.Nodes.JsonNode?)r)]),
                ["logins"] = new System.Text.Json.Nodes.JsonArray([.. logins.Select(l => (System.Text.Json.Nodes.JsonNode?)l)]),
                ["expires"] = DateTimeOffset.FromUnixTimeSeconds((long)ssh.ValidBefore).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            }), cancellationToken).ConfigureAwait(false);
        return new IssuedUserCertificates(ssh, tls, authorities.HostCa.PublicKey, authorities.Tls.CertificatePem);
    }

    /// <summary>Certificates for a cluster member: SSH host certificate and TLS certificate with its system role.</summary>
    public async Task<IssuedHostCertificates> IssueHostAsync(string hostId, string nodeName, string role, SshPublicKey sshKey, PublicKey tlsKey, IEnumerable<string> dnsNames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sshKey);
        if (sshKey is SshCertificate)
        {
            throw AuthException.BadParameter("the public key to certify must be a plain key, not a certificate");
        }

        string[] names = [.. dnsNames];
        SshCertificate ssh = await _issuer.IssueHostAsync(authorities.HostCa, sshKey, hostId, nodeName, authorities.ClusterName, role, HostTtl, names, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = clock.GetUtcNow();
        X509Certificate2 tls = authorities.Tls.Issue(
            new TlsIdentity($"{hostId}.{authorities.ClusterName}", [role], authorities.ClusterName, role),
            tlsKey,
            now.AddMinutes(-1),
            now + HostTtl,
            names);
        return new IssuedHostCertificates(hostId, ssh, tls, authorities.Tls.CertificatePem, authorities.HostCa.PublicKey, authorities.UserCa.PublicKey);
    }

    /// <summary>
    /// A joined host renews: <paramref name="current"/> must be a host certificate this cluster's
    /// host CA signed for the calling identity (<paramref name="callerName"/> = <c>&lt;uuid&gt;.&lt;cluster&gt;</c>)
    /// and role. The new certificates are for the same SSH key and the same principals; the host
    /// cannot add names or become another host.
    /// </summary>
    public async Task<IssuedHostCertificates> RenewHostAsync(string callerName, string role, SshCertificate current, PublicKey tlsKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.Type != SshCertificateType.Host
            || !current.SignatureKey.Equals(authorities.HostCa.PublicKey)
            || !current.HasValidSignature()
            || current.KeyId != callerName
            || !current.Extensions.TryGetValue(TeleportCertExtensions.HostRole, out string? certifiedRole)
            || certifiedRole != role
            || !callerName.EndsWith("." + authorities.ClusterName, StringComparison.Ordinal))
        {
            throw AuthException.AccessDenied("the certificate shown is not this host's certificate from this cluster");
        }

        string hostId = callerName[..^(authorities.ClusterName.Length + 1)];
        return await IssueHostAsync(hostId, string.Empty, role, current.Key, tlsKey, current.Principals, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>tctl auth sign --host: a host certificate for a plain OpenSSH server (agentless node).</summary>
    public async Task<SshCertificate> IssueOpenSshHostAsync(SshPublicKey sshKey, string hostName, TimeSpan ttl, string issuedBy, CancellationToken cancellationToken = default)
    {
        SshCertificate certificate = await _issuer.IssueHostAsync(authorities.HostCa, sshKey, string.Empty, hostName, authorities.ClusterName, "Node", ttl, cancellationToken: cancellationToken).ConfigureAwait(false);
        await audit.EmitAsync(AuditEvent.Create(AuditEventType.CertificateCreate, issuedBy)
            .With("cert_type", "host")
            .With("host", hostName), cancellationToken).ConfigureAwait(false);
        return certificate;
    }
}
