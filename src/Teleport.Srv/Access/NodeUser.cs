using Teleport.Api.Rbac;
using Teleport.Ssh.Keys;

namespace Teleport.Srv.Access;

/// <summary>Who is logged in on a connection: the cluster user, the OS login, their roles as the node evaluated them.</summary>
public sealed record NodeUser(string UserName, string Login, SshCertificate Certificate, AccessChecker Access)
{
    public IReadOnlyList<string> RoleNames => [.. Access.Roles.Select(r => r.Metadata.Name)];

    /// <summary>When the certificate stops being valid (for <c>disconnect_expired_cert</c>); null for certificates without end.</summary>
    public DateTimeOffset? ValidBefore => Certificate.ValidBefore == SshCertificate.Forever
        ? null
        : DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(Certificate.ValidBefore, (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
}
