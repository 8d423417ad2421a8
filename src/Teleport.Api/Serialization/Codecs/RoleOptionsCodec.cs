using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Codecs;

/// <summary>A role's <c>spec.options</c> (api/types RoleOptions).</summary>
internal static class RoleOptionsCodec
{
    public static RoleOptions Read(MappingReader options) => new()
    {
        ForwardAgent = options.Bool("forward_agent"),
        MaxSessionTtl = options.Duration("max_session_ttl"),
        PortForwarding = options.OptionalBool("port_forwarding"),
        CertFormat = options.String("cert_format"),
        ClientIdleTimeout = options.Duration("client_idle_timeout"),
        DisconnectExpiredCert = options.Bool("disconnect_expired_cert"),
        EnhancedRecording = options.Strings("enhanced_recording"),
        PermitX11Forwarding = options.Bool("permit_x11_forwarding"),
        MaxConnections = options.Long("max_connections"),
        MaxSessions = options.Long("max_sessions"),
        RequestAccess = options.String("request_access"),
        RequestPrompt = options.String("request_prompt"),
        Lock = options.String("lock"),
        RecordSession = options.Object("record_session", static record => new RecordSession
        {
            Desktop = record.OptionalBool("desktop"),
            Default = record.String("default"),
            Ssh = record.String("ssh"),
        }),
        DesktopClipboard = options.OptionalBool("desktop_clipboard"),
        CertExtensions = options.Objects("cert_extensions", static extension => new CertExtension
        {
            Type = extension.String("type") ?? "ssh",
            Mode = extension.String("mode") ?? "extension",
            Name = extension.String("name") ?? string.Empty,
            Value = extension.String("value") ?? string.Empty,
        }),
        MaxKubernetesConnections = options.Long("max_kubernetes_connections"),
        DesktopDirectorySharing = options.OptionalBool("desktop_directory_sharing"),
        CreateHostUser = options.OptionalBool("create_host_user"),
        PinSourceIp = options.Bool("pin_source_ip"),
        SshFileCopy = options.OptionalBool("ssh_file_copy"),
        RequireSessionMfa = ReadRequireMfa(options),
        DeviceTrustMode = options.String("device_trust_mode"),
        IdpSamlEnabled = options.Object("idp", static idp => idp.Object("saml", static saml => new BoolBox(saml.OptionalBool("enabled"))) ?? new BoolBox(null))?.Value,
        CreateDesktopUser = options.OptionalBool("create_desktop_user"),
        CreateDatabaseUser = options.OptionalBool("create_db_user"),
        CreateHostUserMode = options.String("create_host_user_mode"),
        CreateDatabaseUserMode = options.String("create_db_user_mode"),
        MfaVerificationInterval = options.Duration("mfa_verification_interval"),
        CreateHostUserDefaultShell = options.String("create_host_user_default_shell"),
        SshPortForwarding = options.Object("ssh_port_forwarding", static forwarding => new SshPortForwarding
        {
            LocalEnabled = forwarding.Object("local", static local => new BoolBox(local.OptionalBool("enabled")))?.Value,
            RemoteEnabled = forwarding.Object("remote", static remote => new BoolBox(remote.OptionalBool("enabled")))?.Value,
        }),
    };

    public static MappingWriter Write(RoleOptions options)
    {
        var fields = new MappingWriter();

        // forward_agent and pin_source_ip have no omitempty in Teleport's type: always written.
        fields.Bool("forward_agent", options.ForwardAgent, always: true);
        fields.Duration("max_session_ttl", options.MaxSessionTtl);
        fields.OptionalBool("port_forwarding", options.PortForwarding);
        fields.String("cert_format", options.CertFormat);
        fields.Duration("client_idle_timeout", options.ClientIdleTimeout);
        fields.Bool("disconnect_expired_cert", options.DisconnectExpiredCert);
        fields.Strings("enhanced_recording", options.EnhancedRecording);
        fields.Bool("permit_x11_forwarding", options.PermitX11Forwarding);
        fields.Long("max_connections", options.MaxConnections);
        fields.Long("max_sessions", options.MaxSessions);
        fields.String("request_access", options.RequestAccess);
        fields.String("request_prompt", options.RequestPrompt);
        fields.String("lock", options.Lock);
        if (options.RecordSession is { } record)
        {
            var recordFields = new MappingWriter();
            recordFields.OptionalBool("desktop", record.Desktop);
            recordFields.String("default", record.Default);
            recordFields.String("ssh", record.Ssh);
            fields.Object("record_session", recordFields, always: true);
        }

        fields.OptionalBool("desktop_clipboard", options.DesktopClipboard);
        fields.Objects("cert_extensions", options.CertExtensions, static extension =>
        {
            var extensionFields = new MappingWriter();
            extensionFields.String("type", extension.Type);
            extensionFields.String("mode", extension.Mode);
            extensionFields.String("name", extension.Name);
            extensionFields.String("value", extension.Value);
            return extensionFields;
        });
        fields.Long("max_kubernetes_connections", options.MaxKubernetesConnections);
        fields.OptionalBool("desktop_directory_sharing", options.DesktopDirectorySharing);
        fields.OptionalBool("create_host_user", options.CreateHostUser);
        fields.Bool("pin_source_ip", options.PinSourceIp, always: true);
        fields.OptionalBool("ssh_file_copy", options.SshFileCopy);
        WriteRequireMfa(fields, options.RequireSessionMfa);
        fields.String("device_trust_mode", options.DeviceTrustMode);
        if (options.IdpSamlEnabled is { } samlEnabled)
        {
            var saml = new MappingWriter();
            saml.Bool("enabled", samlEnabled, always: true);
            var idp = new MappingWriter();
            idp.Object("saml", saml);
            fields.Object("idp", idp);
        }

        fields.OptionalBool("create_desktop_user", options.CreateDesktopUser);
        fields.OptionalBool("create_db_user", options.CreateDatabaseUser);
        fields.String("create_host_user_mode", options.CreateHostUserMode);
        fields.String("create_db_user_mode", options.CreateDatabaseUserMode);
        fields.Duration("mfa_verification_interval", options.MfaVerificationInterval);
        fields.String("create_host_user_default_shell", options.CreateHostUserDefaultShell);
        if (options.SshPortForwarding is { } forwarding)
        {
            var forwardingFields = new MappingWriter();
            forwardingFields.Object("local", EnabledFields(forwarding.LocalEnabled));
            forwardingFields.Object("remote", EnabledFields(forwarding.RemoteEnabled));
            fields.Object("ssh_port_forwarding", forwardingFields, always: true);
        }

        return fields;
    }

    private static MappingWriter? EnabledFields(bool? enabled)
    {
        if (enabled is null)
        {
            return null;
        }

        var fields = new MappingWriter();
        fields.Bool("enabled", enabled.Value, always: true);
        return fields;
    }

    /// <summary>Teleport writes require_session_mfa as false/true for off/per-session and as a word for the hardware key policies.</summary>
    private static RequireMfaType ReadRequireMfa(MappingReader options)
    {
        if (options.Take("require_session_mfa", out ScalarNode? at) is not { } node)
        {
            return RequireMfaType.Off;
        }

        string path = options.PathOf("require_session_mfa");
        return Scalars.Text(node, path, at) switch
        {
            "session" => RequireMfaType.Session,
            "session_and_hardware_key" => RequireMfaType.SessionAndHardwareKey,
            "hardware_key_touch" => RequireMfaType.HardwareKeyTouch,
            "hardware_key_pin" => RequireMfaType.HardwareKeyPin,
            "hardware_key_touch_and_pin" => RequireMfaType.HardwareKeyTouchAndPin,

            // Teleport's "hardware_key" means per-session MFA with a hardware key.
            "hardware_key" => RequireMfaType.SessionAndHardwareKey,
            _ => Scalars.TryBool(node, out bool required)
                ? required ? RequireMfaType.Session : RequireMfaType.Off
                : throw ReadContext.Error(path, at ?? node,
                    $"{node.Describe()} is not one of false, true, hardware_key, hardware_key_touch, hardware_key_pin, hardware_key_touch_and_pin"),
        };
    }

    private static void WriteRequireMfa(MappingWriter fields, RequireMfaType value)
    {
        switch (value)
        {
            case RequireMfaType.Off:
                break;
            case RequireMfaType.Session:
                fields.Bool("require_session_mfa", true);
                break;
            default:
                fields.String("require_session_mfa", value switch
                {
                    RequireMfaType.SessionAndHardwareKey => "hardware_key",
                    RequireMfaType.HardwareKeyTouch => "hardware_key_touch",
                    RequireMfaType.HardwareKeyPin => "hardware_key_pin",
                    _ => "hardware_key_touch_and_pin",
                });
                break;
        }
    }

    /// <summary>Lets an optional bool travel through <see cref="MappingReader.Object{T}"/>, which wants a class.</summary>
    private sealed record BoolBox(bool? Value);
}
