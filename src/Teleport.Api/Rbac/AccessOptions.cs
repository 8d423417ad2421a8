using Teleport.Api.Types;

namespace Teleport.Api.Rbac;

/// <summary>
/// The session options of a set of roles combined, each the way Teleport combines it
/// (https://goteleport.com/docs/reference/access-controls/roles/#role-options, lib/services/role.go):
/// the shortest <c>max_session_ttl</c> and <c>client_idle_timeout</c>, <c>forward_agent</c> and
/// <c>disconnect_expired_cert</c> if any role sets them, <c>ssh_file_copy</c> only if no role
/// turns it off, port forwarding allowed unless explicitly denied, the strictest recording and
/// locking modes.
/// </summary>
public sealed record AccessOptions
{
    /// <summary>The longest a certificate may live: the shortest of the roles' <c>max_session_ttl</c> (unset counts as Teleport's 30h default).</summary>
    public Duration MaxSessionTtl { get; init; } = RoleOptions.DefaultMaxSessionTtl;

    /// <summary>The shortest non-zero <c>client_idle_timeout</c>; zero leaves it to the cluster's setting.</summary>
    public Duration ClientIdleTimeout { get; init; }

    public bool ForwardAgent { get; init; }

    public SshPortForwardMode PortForwarding { get; init; }

    /// <summary>Whether both local and remote port forwarding are allowed (Teleport's CanPortForward).</summary>
    public bool CanPortForward => PortForwarding == SshPortForwardMode.On;

    /// <summary>SCP and SFTP: allowed unless a role sets <c>ssh_file_copy: false</c>.</summary>
    public bool SshFileCopy { get; init; } = true;

    public bool DisconnectExpiredCert { get; init; }

    /// <summary><c>best_effort</c> or <c>strict</c> for SSH sessions.</summary>
    public string RecordSessionSsh { get; init; } = SessionRecordingModes.BestEffort;

    public bool PermitX11Forwarding { get; init; }

    /// <summary>Session channels per connection; the lowest non-zero value, zero for no limit.</summary>
    public long MaxSessions { get; init; }

    /// <summary>Concurrent connections per user; the lowest non-zero value, zero for no limit.</summary>
    public long MaxConnections { get; init; }

    /// <summary><c>strict</c> if any role says so, else the last role's mode, else null for the cluster's default.</summary>
    public string? LockingMode { get; init; }

    public bool PinSourceIp { get; init; }

    /// <summary>Whether any role requires per-session MFA.</summary>
    public bool RequireSessionMfa { get; init; }

    /// <summary>The union of the roles' <c>enhanced_recording</c> events.</summary>
    public ValueList<string> EnhancedRecording { get; init; } = ValueList<string>.Empty;

    /// <summary>The most permissive <c>cert_format</c> (<c>oldssh</c> over <c>standard</c>).</summary>
    public string CertificateFormat { get; init; } = CertificateFormats.Standard;

    internal static AccessOptions Combine(IReadOnlyList<Role> roles)
    {
        Duration maxSessionTtl = RoleOptions.DefaultMaxSessionTtl;
        Duration idleTimeout = Duration.Zero;
        long maxSessions = 0;
        long maxConnections = 0;
        string? locking = null;
        bool strictLock = false;
        var enhanced = new List<string>();
        string format = CertificateFormats.Standard;
        bool first = true;
        foreach (Role role in roles)
        {
            RoleOptions options = role.Spec.Options;
            Duration ttl = options.MaxSessionTtl.IsZero ? RoleOptions.DefaultMaxSessionTtl : options.MaxSessionTtl;
            maxSessionTtl = first || ttl < maxSessionTtl ? ttl : maxSessionTtl;
            first = false;
            idleTimeout = LowestNonZero(idleTimeout, options.ClientIdleTimeout);
            maxSessions = LowestNonZero(maxSessions, options.MaxSessions);
            maxConnections = LowestNonZero(maxConnections, options.MaxConnections);
            strictLock |= options.Lock == "strict";
            locking = string.IsNullOrEmpty(options.Lock) ? locking : options.Lock;
            enhanced.AddRange(options.EnhancedRecording.Where(e => !enhanced.Contains(e)));
            if (options.CertFormat == CertificateFormats.OldSsh)
            {
                format = CertificateFormats.OldSsh;
            }
        }

        return new AccessOptions
        {
            MaxSessionTtl = maxSessionTtl,
            ClientIdleTimeout = idleTimeout,
            ForwardAgent = roles.Any(static role => role.Spec.Options.ForwardAgent),
            PortForwarding = PortForwardMode(roles),
            SshFileCopy = roles.All(static role => role.Spec.Options.SshFileCopy ?? true),
            DisconnectExpiredCert = roles.Any(static role => role.Spec.Options.DisconnectExpiredCert),
            RecordSessionSsh = RecordingMode(roles),
            PermitX11Forwarding = roles.Any(static role => role.Spec.Options.PermitX11Forwarding),
            MaxSessions = maxSessions,
            MaxConnections = maxConnections,
            LockingMode = strictLock ? "strict" : locking,
            PinSourceIp = roles.Any(static role => role.Spec.Options.PinSourceIp),
            RequireSessionMfa = roles.Any(static role => role.Spec.Options.RequireSessionMfa != RequireMfaType.Off),
            EnhancedRecording = ValueList.From(enhanced),
            CertificateFormat = format,
        };
    }

    /// <summary>
    /// Teleport's SSHPortForwardMode: forwarding is implicitly allowed; an explicit
    /// <c>ssh_port_forwarding</c> <c>enabled: false</c> in any role takes that direction away;
    /// the legacy <c>port_forwarding</c> counts only in roles without <c>ssh_port_forwarding</c>,
    /// where an explicit true allows everything and a false denies only if no role has the new setting.
    /// </summary>
    private static SshPortForwardMode PortForwardMode(IReadOnlyList<Role> roles)
    {
        bool denyRemote = false, denyLocal = false, legacyDeny = false, legacyCanDeny = true;
        foreach (Role role in roles)
        {
            RoleOptions options = role.Spec.Options;
            if (options.SshPortForwarding is not { } config)
            {
                if (options.PortForwarding is { } legacy)
                {
                    if (legacy)
                    {
                        return SshPortForwardMode.On;
                    }

                    legacyDeny = true;
                }

                continue;
            }

            if (config.RemoteEnabled is { } remote)
            {
                denyRemote |= !remote;
                legacyCanDeny = false;
            }

            if (config.LocalEnabled is { } local)
            {
                denyLocal |= !local;
                legacyCanDeny = false;
            }
        }

        return (denyRemote, denyLocal) switch
        {
            (true, true) => SshPortForwardMode.Off,
            _ when legacyDeny && legacyCanDeny => SshPortForwardMode.Off,
            (true, false) => SshPortForwardMode.Local,
            (false, true) => SshPortForwardMode.Remote,
            _ => SshPortForwardMode.On,
        };
    }

    /// <summary>
    /// Teleport's SessionRecordingMode for SSH: <c>strict</c> if any role's <c>record_session.ssh</c>
    /// is strict; otherwise, if no role sets <c>ssh</c> at all, <c>strict</c> when any role's
    /// <c>default</c> is; otherwise <c>best_effort</c>.
    /// </summary>
    private static string RecordingMode(IReadOnlyList<Role> roles)
    {
        string fallback = SessionRecordingModes.BestEffort;
        bool useDefault = true;
        foreach (Role role in roles)
        {
            RecordSession? record = role.Spec.Options.RecordSession;
            if (record?.Default == SessionRecordingModes.Strict)
            {
                fallback = SessionRecordingModes.Strict;
            }

            switch (record?.Ssh)
            {
                case SessionRecordingModes.Strict:
                    return SessionRecordingModes.Strict;
                case SessionRecordingModes.BestEffort:
                    useDefault = false;
                    break;
            }
        }

        return useDefault ? fallback : SessionRecordingModes.BestEffort;
    }

    private static Duration LowestNonZero(Duration current, Duration candidate) =>
        candidate.IsZero ? current : current.IsZero || candidate < current ? candidate : current;

    private static long LowestNonZero(long current, long candidate) =>
        candidate == 0 ? current : current == 0 || candidate < current ? candidate : current;
}
