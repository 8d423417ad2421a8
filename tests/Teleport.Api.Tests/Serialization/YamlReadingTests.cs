using Teleport.Api.Serialization;
using Teleport.Api.Types;

namespace Teleport.Api.Tests.Serialization;

/// <summary>Documents as Teleport writes them and as people write them by hand read as Teleport reads them.</summary>
public sealed class YamlReadingTests
{
    /// <summary>A role as <c>tctl get roles/access</c> prints it: sorted keys, every default spelled out.</summary>
    private const string TctlGetRole = """
        kind: role
        metadata:
          description: Access cluster resources
          labels:
            teleport.internal/resource-type: preset
          name: access
          namespace: default
          revision: 8f2d3c4b-1a2b-4c3d-9e8f-0a1b2c3d4e5f
        spec:
          allow:
            app_labels:
              '*': '*'
            db_labels:
              '*': '*'
            db_names:
            - '{{internal.db_names}}'
            kubernetes_groups:
            - '{{internal.kubernetes_groups}}'
            kubernetes_labels:
              '*': '*'
            kubernetes_resources:
            - kind: '*'
              name: '*'
              namespace: '*'
              verbs:
              - '*'
            logins:
            - '{{internal.logins}}'
            node_labels:
              '*': '*'
            rules:
            - resources:
              - event
              verbs:
              - list
              - read
            - resources:
              - session
              verbs:
              - read
              - list
              where: contains(session.participants, user.metadata.name)
          deny: {}
          options:
            cert_format: standard
            client_idle_timeout: never
            create_db_user: false
            create_desktop_user: false
            desktop_clipboard: true
            desktop_directory_sharing: true
            disconnect_expired_cert: no
            enhanced_recording:
            - command
            - network
            forward_agent: true
            idp:
              saml:
                enabled: true
            max_session_ttl: 30h0m0s
            pin_source_ip: false
            port_forwarding: true
            record_session:
              default: best_effort
              desktop: true
            ssh_file_copy: true
        version: v7
        """;

    [Fact]
    public void A_role_as_tctl_get_prints_it_reads_with_its_options()
    {
        Role role = ResourceYaml.Read<Role>(TctlGetRole);
        Assert.Equal("access", role.Name);
        Assert.Equal("8f2d3c4b-1a2b-4c3d-9e8f-0a1b2c3d4e5f", role.Metadata.Revision);
        Assert.Equal(Duration.FromHours(30), role.Spec.Options.MaxSessionTtl);
        Assert.Equal(Duration.Zero, role.Spec.Options.ClientIdleTimeout);
        Assert.False(role.Spec.Options.DisconnectExpiredCert);
        Assert.True(role.Spec.Options.PortForwarding);
        Assert.Equal("best_effort", role.Spec.Options.RecordSession!.Default);
        Assert.Equal(["{{internal.logins}}"], role.Spec.Allow.Logins);
        Assert.Equal(ValueMap.Of(("*", ["*"])), role.Spec.Allow.NodeLabels);
        Assert.Equal("contains(session.participants, user.metadata.name)", role.Spec.Allow.Rules[1].Where);
        Assert.Equal(new RoleConditions(), role.Spec.Deny);
    }

    [Fact]
    public void Written_yaml_has_sorted_keys_go_durations_and_quoted_wildcards()
    {
        string yaml = ResourceYaml.Write(ResourceYaml.Read<Role>(TctlGetRole));
        Assert.Contains("    max_session_ttl: 30h0m0s\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    node_labels:\n      '*': '*'\n", yaml, StringComparison.Ordinal);
        Assert.StartsWith("kind: role\nmetadata:\n", yaml, StringComparison.Ordinal);
        Assert.EndsWith("version: v7\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_document_streams_skip_empty_documents_and_comments()
    {
        string yaml = """
            # roles and a user for the dev team
            ---
            kind: role
            version: v7
            metadata:
              name: dev
            spec:
              allow:
                logins: [dev]   # the shared login
                node_labels:
                  env: dev
            ---
            ---
            kind: user
            version: v2
            metadata:
              name: alice
            spec:
              roles: [dev]
              traits:
                logins: [alice]
            ...
            """;
        IReadOnlyList<IResource> resources = ResourceYaml.ReadAll(yaml);
        Assert.Collection(resources,
            first => Assert.Equal("dev", Assert.IsType<Role>(first).Name),
            second => Assert.Equal(["dev"], Assert.IsType<User>(second).Spec.Roles));
        Assert.Empty(ResourceYaml.ReadAll("# nothing here\n---\n"));
        Assert.Throws<ResourceValidationException>(() => ResourceYaml.Read(yaml));
    }

    [Fact]
    public void A_user_as_the_reference_shows_it_reads_with_zero_times_as_unset()
    {
        User user = ResourceYaml.Read<User>("""
            kind: user
            version: v2
            metadata:
              name: joe
            spec:
              roles:
              - admin
              status:
                is_locked: false
                lock_expires: 0001-01-01T00:00:00Z
                locked_time: 0001-01-01T00:00:00Z
              traits:
                logins:
                - joe
                - root
              expires: 0001-01-01T00:00:00Z
              created_by:
                time: 2024-05-06T07:08:09.123456789Z
                user:
                  name: builtin-Admin
            """);
        Assert.Null(user.Spec.Expires);
        Assert.Null(user.Spec.Status.LockedTime);
        Assert.Equal(ValueMap.Of(("logins", ["joe", "root"])), user.Spec.Traits);
        Assert.Equal("builtin-Admin", user.Spec.CreatedBy!.User);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1234567), user.Spec.CreatedBy.Time);
    }

    [Fact]
    public void Token_roles_are_read_in_any_case_and_written_as_Teleport_spells_them()
    {
        ProvisionToken token = ResourceYaml.Read<ProvisionToken>("""
            kind: token
            version: v2
            metadata:
              name: abcdef0123456789
              expires: "2025-06-01T12:00:00+02:00"
            spec:
              roles: [node, PROXY, windowsdesktop]
            """);
        Assert.Equal([SystemRoles.Node, SystemRoles.Proxy, SystemRoles.WindowsDesktop], token.Spec.Roles);
        Assert.Equal(JoinMethods.Token, token.EffectiveJoinMethod);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero), token.Metadata.Expires);
        Assert.Contains("- Node\n", ResourceYaml.Write(token), StringComparison.Ordinal);
    }

    [Fact]
    public void Cert_authority_keys_read_from_base64_or_text_and_write_as_base64()
    {
        string text = ResourceYaml.Write(Samples.CertAuthority);
        Assert.DoesNotContain("ssh-ed25519", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN CERTIFICATE", text, StringComparison.Ordinal);

        string handWritten = $"""
            kind: cert_authority
            sub_kind: user
            version: v2
            metadata:
              name: example.com
            spec:
              type: user
              cluster_name: example.com
              active_keys:
                ssh:
                - public_key: {Samples.SshPublicKey}
                tls:
                - cert: |
            {string.Join('\n', Samples.TlsCertificatePem.Split('\n').Select(line => "        " + line))}
            """;
        CertAuthority authority = ResourceYaml.Read<CertAuthority>(handWritten);
        Assert.Equal(Samples.SshPublicKey, authority.Spec.ActiveKeys.Ssh[0].PublicKey);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", authority.Spec.ActiveKeys.Tls[0].Cert, StringComparison.Ordinal);

        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() =>
            ResourceYaml.Read(handWritten.Replace(Samples.SshPublicKey, "c3NoLWZvbyBiYXI=", StringComparison.Ordinal)));
        Assert.Contains("spec.active_keys.ssh[0].public_key: not an SSH public key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_heartbeat_reads_with_its_command_labels()
    {
        Server node = ResourceJson.Read<Server>("""
            {"kind":"node","sub_kind":"teleport","version":"v2",
             "metadata":{"name":"5b5c2a84","labels":{"env":"prod"},"expires":"2025-01-01T00:10:00.123456789Z"},
             "spec":{"addr":"10.0.0.5:3022","hostname":"web1","version":"17.0.0",
                     "cmd_labels":{"env":{"period":"1m0s","command":["/bin/echo","staging"],"result":"staging"}}}}
            """);
        Assert.Equal("web1", node.Spec.Hostname);
        Assert.Equal(Duration.FromMinutes(1), node.Spec.CmdLabels["env"].Period);
        Assert.Equal("staging", node.GetAllLabels()["env"]);
    }

    [Fact]
    public void Aliases_share_the_anchored_value()
    {
        Role role = ResourceYaml.Read<Role>("""
            kind: role
            version: v7
            metadata: {name: aliased}
            spec:
              allow:
                logins: &admins [root, admin]
              deny:
                logins: *admins
            """);
        Assert.Equal(role.Spec.Allow.Logins, role.Spec.Deny.Logins);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("on")]
    [InlineData("1.10")]
    [InlineData("0x1F")]
    [InlineData("2025-01-31")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData(" padded ")]
    [InlineData("*")]
    [InlineData("- dash")]
    [InlineData("a: b")]
    [InlineData("#hash")]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    [InlineData("{{internal.logins}}")]
    [InlineData("caf\u00e9 \U0001F600")]
    [InlineData("\u0001control")]
    public void Text_that_yaml_would_read_as_something_else_is_quoted_and_reads_back(string value)
    {
        Server node = Samples.Node with { Metadata = Samples.Node.Metadata with { Labels = [new("value", value), new(value.Length == 0 ? "empty" : value, "key")] } };
        string yaml = ResourceYaml.Write(node);
        Assert.Equal(node, ResourceYaml.Read(yaml));
        Assert.Equal(node, ResourceJson.Read(ResourceJson.Write(node)));
    }

    [Fact]
    public void Yaml_1_1_booleans_read_as_booleans()
    {
        Role role = ResourceYaml.Read<Role>("kind: role\nversion: v7\nmetadata: {name: b}\nspec:\n  options:\n    forward_agent: yes\n    ssh_file_copy: off\n    permit_x11_forwarding: On\n");
        Assert.True(role.Spec.Options.ForwardAgent);
        Assert.False(role.Spec.Options.SshFileCopy);
        Assert.True(role.Spec.Options.PermitX11Forwarding);
    }

    [Fact]
    public void Require_session_mfa_reads_booleans_and_hardware_key_words()
    {
        static RequireMfaType Read(string value) =>
            ResourceYaml.Read<Role>($"kind: role\nversion: v7\nmetadata: {{name: m}}\nspec:\n  options:\n    require_session_mfa: {value}\n").Spec.Options.RequireSessionMfa;
        Assert.Equal(RequireMfaType.Off, Read("false"));
        Assert.Equal(RequireMfaType.Session, Read("true"));
        Assert.Equal(RequireMfaType.SessionAndHardwareKey, Read("hardware_key"));
        Assert.Equal(RequireMfaType.HardwareKeyTouchAndPin, Read("hardware_key_touch_and_pin"));
        Assert.Throws<ResourceValidationException>(() => Read("sometimes"));
    }

    [Fact]
    public void Defaults_are_what_the_Auth_service_stores()
    {
        Role role = new Role { Metadata = new Metadata { Name = "bare" } }.WithDefaults();
        RoleOptions options = role.Spec.Options;
        Assert.Equal(Duration.FromHours(30), options.MaxSessionTtl);
        Assert.Equal(CertificateFormats.Standard, options.CertFormat);
        Assert.Equal(["command", "network"], options.EnhancedRecording);
        Assert.Equal(SessionRecordingModes.BestEffort, options.RecordSession!.Default);
        Assert.True(options.SshFileCopy);
        Assert.Null(options.PortForwarding);
        Assert.Equal(role, role.WithDefaults());
    }

    [Fact]
    public void A_json_array_from_tctl_get_format_json_reads_as_several_resources()
    {
        string json = ResourceJson.WriteAll([Samples.Role, Samples.Token]);
        Assert.StartsWith("[", json, StringComparison.Ordinal);
        Assert.Equal([Samples.Role, Samples.Token], ResourceJson.ReadAll(json));
    }
}
