using System.Net;
using Teleport.Auth.Trust;

namespace Teleport.Auth.Api;

/// <summary>
/// Who is calling the Auth API: nobody (no client certificate: only the public endpoints), a
/// user (identity from a certificate our TLS CA issued: name and roles), or a cluster component
/// (its system role).
/// </summary>
public sealed record Caller(TlsIdentity? Identity, IPAddress? RemoteAddress)
{
    public bool IsAnonymous => Identity is null;

    public string? SystemRole => Identity?.SystemRole;

    public bool IsUser => Identity is { SystemRole: null };

    /// <summary>The name for audit events: the user, the host id, or "anonymous".</summary>
    public string Name => Identity?.Name ?? "anonymous";
}
