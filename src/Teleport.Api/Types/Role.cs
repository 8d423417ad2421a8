using Teleport.Api.Templates;

namespace Teleport.Api.Types;

/// <summary>
/// A <c>role</c> (v7; v5 and v6 read the same for SSH): session <c>options</c> and two sets of
/// conditions, <c>allow</c> and <c>deny</c>. Nothing is allowed by default and deny rules win
/// (https://goteleport.com/docs/reference/access-controls/roles/).
/// </summary>
public sealed record Role : IResource
{
    public const string DefaultVersion = "v7";

    /// <summary>Every role version Teleport accepts whose SSH semantics this library implements.</summary>
    public static IReadOnlyList<string> SupportedVersions { get; } = ["v5", "v6", "v7"];

    public string Kind => ResourceKinds.Role;

    public string? SubKind { get; init; }

    public string Version { get; init; } = DefaultVersion;

    public required Metadata Metadata { get; init; }

    public RoleSpec Spec { get; init; } = new();

    public string Name => Metadata.Name;

    public void Validate()
    {
        ResourceChecks.CheckVersion(Version, "v5", "v6", "v7");
        Metadata.Validate();
        Spec.Options.Validate("spec.options");
        Spec.Allow.Validate("spec.allow");
        Spec.Deny.Validate("spec.deny");
    }

    /// <summary>
    /// The role with trait templates replaced by the user's trait values
    /// (<c>{{internal.logins}}</c> in <c>logins</c>, <c>{{external.team}}</c> in a
    /// <c>node_labels</c> value, ...), as Teleport evaluates a role for a user. Values whose
    /// trait is missing are dropped. See <see cref="TraitTemplate"/>.
    /// </summary>
    public Role ApplyTraits(ValueMap<ValueList<string>> traits)
    {
        ArgumentNullException.ThrowIfNull(traits);
        return TraitExpansion.Apply(this, traits);
    }

    /// <summary>
    /// The role with Teleport's defaults filled in where the author left a field out, as the Auth
    /// service stores a role created with <c>tctl create</c>: <c>max_session_ttl: 30h</c>,
    /// <c>cert_format: standard</c>, <c>ssh_file_copy: true</c>,
    /// <c>enhanced_recording: [command, network]</c>, <c>record_session.default: best_effort</c>,
    /// <c>desktop: true</c> (lib/services/role.go, CheckAndSetDefaults). Port forwarding stays unset:
    /// unset already means allowed, and an explicit legacy <c>port_forwarding: true</c> would
    /// override other roles' <c>ssh_port_forwarding</c> denies.
    /// </summary>
    public Role WithDefaults()
    {
        RoleOptions options = Spec.Options;
        RecordSession recordSession = options.RecordSession ?? new RecordSession();
        return this with
        {
            Spec = Spec with
            {
                Options = options with
                {
                    MaxSessionTtl = options.MaxSessionTtl.IsZero ? RoleOptions.DefaultMaxSessionTtl : options.MaxSessionTtl,
                    CertFormat = string.IsNullOrEmpty(options.CertFormat) ? CertificateFormats.Standard : options.CertFormat,
                    SshFileCopy = options.SshFileCopy ?? true,
                    EnhancedRecording = options.EnhancedRecording.IsEmpty ? ["command", "network"] : options.EnhancedRecording,
                    RecordSession = recordSession with
                    {
                        Default = string.IsNullOrEmpty(recordSession.Default) ? SessionRecordingModes.BestEffort : recordSession.Default,
                        Desktop = recordSession.Desktop ?? true,
                    },
                    DesktopClipboard = options.DesktopClipboard ?? true,
                    DesktopDirectorySharing = options.DesktopDirectorySharing ?? true,
                },
            },
        };
    }
}
