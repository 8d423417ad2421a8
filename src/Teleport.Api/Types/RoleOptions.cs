namespace Teleport.Api.Types;

/// <summary>
/// A role's <c>options</c>. When a user holds several roles Teleport combines each option its own
/// way (the shortest <c>max_session_ttl</c>, <c>forward_agent</c> if any role allows it, ...); see
/// <see cref="Rbac.AccessOptions"/>. Options left out stay null or zero here;
/// <see cref="Role.WithDefaults"/> fills in what the Auth service would.
/// </summary>
public sealed record RoleOptions
{
    /// <summary>Teleport's default <c>max_session_ttl</c> (api/defaults: MaxCertDuration).</summary>
    public static readonly Duration DefaultMaxSessionTtl = Duration.FromHours(30);

    /// <summary>Whether SSH agent forwarding is allowed.</summary>
    public bool ForwardAgent { get; init; }

    /// <summary>How long certificates issued to holders of the role may live; zero means not set.</summary>
    public Duration MaxSessionTtl { get; init; }

    /// <summary>Legacy switch for TCP port forwarding; <see cref="SshPortForwarding"/> replaces it.</summary>
    public bool? PortForwarding { get; init; }

    /// <summary>Local and remote port forwarding switched separately (<c>ssh_port_forwarding</c>).</summary>
    public SshPortForwarding? SshPortForwarding { get; init; }

    /// <summary><c>standard</c> or <c>oldssh</c>.</summary>
    public string? CertFormat { get; init; }

    /// <summary>Disconnect a client idle this long; zero (or <c>never</c>) leaves it to the cluster setting.</summary>
    public Duration ClientIdleTimeout { get; init; }

    /// <summary>Disconnect sessions when the certificate they started with expires.</summary>
    public bool DisconnectExpiredCert { get; init; }

    /// <summary>What the BPF recorder captures: <c>command</c>, <c>disk</c>, <c>network</c>.</summary>
    public ValueList<string> EnhancedRecording { get; init; } = ValueList<string>.Empty;

    public bool PermitX11Forwarding { get; init; }

    /// <summary>Concurrent connections per user across the cluster; zero means no limit.</summary>
    public long MaxConnections { get; init; }

    /// <summary>Session channels per SSH connection; zero means no limit.</summary>
    public long MaxSessions { get; init; }

    /// <summary><c>optional</c>, <c>always</c> or <c>reason</c>.</summary>
    public string? RequestAccess { get; init; }

    public string? RequestPrompt { get; init; }

    /// <summary>Locking mode, <c>strict</c> or <c>best_effort</c>.</summary>
    public string? Lock { get; init; }

    public RecordSession? RecordSession { get; init; }

    public bool? DesktopClipboard { get; init; }

    public bool? DesktopDirectorySharing { get; init; }

    public ValueList<CertExtension> CertExtensions { get; init; } = ValueList<CertExtension>.Empty;

    public long MaxKubernetesConnections { get; init; }

    public bool PinSourceIp { get; init; }

    /// <summary>Whether SCP and SFTP are allowed; unset means yes.</summary>
    public bool? SshFileCopy { get; init; }

    public RequireMfaType RequireSessionMfa { get; init; }

    /// <summary><c>off</c>, <c>optional</c> or <c>required</c>.</summary>
    public string? DeviceTrustMode { get; init; }

    /// <summary>Whether the role may use the SAML identity provider (<c>idp.saml.enabled</c>).</summary>
    public bool? IdpSamlEnabled { get; init; }

    public bool? CreateDesktopUser { get; init; }

    public bool? CreateDatabaseUser { get; init; }

    /// <summary>Deprecated by <see cref="CreateHostUserMode"/>; still read and written.</summary>
    public bool? CreateHostUser { get; init; }

    /// <summary><c>off</c>, <c>keep</c> or <c>insecure-drop</c>.</summary>
    public string? CreateHostUserMode { get; init; }

    /// <summary><c>off</c>, <c>keep</c> or <c>best_effort_drop</c>.</summary>
    public string? CreateDatabaseUserMode { get; init; }

    public Duration MfaVerificationInterval { get; init; }

    public string? CreateHostUserDefaultShell { get; init; }

    internal void Validate(string path)
    {
        if (MaxSessionTtl < Duration.Zero)
        {
            throw new ResourceValidationException($"{path}.max_session_ttl", $"{MaxSessionTtl} is negative");
        }

        if (ClientIdleTimeout < Duration.Zero)
        {
            throw new ResourceValidationException($"{path}.client_idle_timeout", $"{ClientIdleTimeout} is negative");
        }

        if (MaxConnections < 0 || MaxSessions < 0 || MaxKubernetesConnections < 0)
        {
            string field = MaxConnections < 0 ? "max_connections" : MaxSessions < 0 ? "max_sessions" : "max_kubernetes_connections";
            throw new ResourceValidationException($"{path}.{field}", "must not be negative");
        }

        ResourceChecks.CheckOneOf($"{path}.cert_format", CertFormat, CertificateFormats.Standard, CertificateFormats.OldSsh);
        ResourceChecks.CheckOneOf($"{path}.request_access", RequestAccess, "optional", "always", "reason");
        ResourceChecks.CheckOneOf($"{path}.lock", Lock, "strict", "best_effort");
        ResourceChecks.CheckOneOf($"{path}.device_trust_mode", DeviceTrustMode, "off", "optional", "required");
        ResourceChecks.CheckOneOf($"{path}.create_host_user_mode", CreateHostUserMode, "off", "keep", "insecure-drop", "drop");
        ResourceChecks.CheckOneOf($"{path}.create_db_user_mode", CreateDatabaseUserMode, "off", "keep", "best_effort_drop");
        for (int i = 0; i < EnhancedRecording.Count; i++)
        {
            ResourceChecks.CheckOneOf($"{path}.enhanced_recording[{i}]", EnhancedRecording[i], "command", "disk", "network");
        }

        if (RecordSession is { } recordSession)
        {
            ResourceChecks.CheckOneOf($"{path}.record_session.default", recordSession.Default, SessionRecordingModes.BestEffort, SessionRecordingModes.Strict);
            ResourceChecks.CheckOneOf($"{path}.record_session.ssh", recordSession.Ssh, SessionRecordingModes.BestEffort, SessionRecordingModes.Strict);
        }

        for (int i = 0; i < CertExtensions.Count; i++)
        {
            CertExtensions[i].Validate($"{path}.cert_extensions[{i}]");
        }
    }
}
