using Teleport.Api.Rbac;
using Teleport.Api.Types;
using static Teleport.Api.Tests.Rbac.RoleBuilder;

namespace Teleport.Api.Tests.Rbac;

/// <summary>Options of several roles combine as the role options table of Teleport's reference says.</summary>
public sealed class AccessOptionsTests
{
    private static AccessOptions Combine(params RoleOptions[] options) =>
        new AccessChecker(options.Select((option, i) => WithOptions($"r{i}", option)), Traits("")).Options;

    public static TheoryData<string, RoleOptions[], string> MaxSessionTtl => new()
    {
        { "no roles: Teleport's default", [], "30h0m0s" },
        { "unset counts as the default", [new RoleOptions()], "30h0m0s" },
        { "the shortest wins", [new RoleOptions { MaxSessionTtl = Duration.FromHours(8) }, new RoleOptions { MaxSessionTtl = Duration.FromMinutes(30) }], "30m0s" },
        { "unset does not shorten", [new RoleOptions { MaxSessionTtl = Duration.FromHours(40) }, new RoleOptions()], "30h0m0s" },
    };

    public static TheoryData<string, RoleOptions[], string> ClientIdleTimeout => new()
    {
        { "unset everywhere: the cluster decides", [new RoleOptions(), new RoleOptions()], "0s" },
        { "the shortest non-zero wins", [new RoleOptions { ClientIdleTimeout = Duration.FromHours(1) }, new RoleOptions(), new RoleOptions { ClientIdleTimeout = Duration.FromMinutes(15) }], "15m0s" },
    };

    /// <summary>Case, roles' options, forward_agent, port forwarding, ssh_file_copy, disconnect_expired_cert, record_session.ssh.</summary>
    public static TheoryData<string, RoleOptions[], bool, SshPortForwardMode, bool, bool, string> Switches => new()
    {
        { "defaults", [new RoleOptions()], false, SshPortForwardMode.On, true, false, "best_effort" },
        { "forward_agent if any role", [new RoleOptions(), new RoleOptions { ForwardAgent = true }], true, SshPortForwardMode.On, true, false, "best_effort" },
        { "ssh_file_copy off if any role", [new RoleOptions { SshFileCopy = true }, new RoleOptions { SshFileCopy = false }], false, SshPortForwardMode.On, false, false, "best_effort" },
        { "disconnect_expired_cert if any role", [new RoleOptions(), new RoleOptions { DisconnectExpiredCert = true }], false, SshPortForwardMode.On, true, true, "best_effort" },
        { "legacy port_forwarding false alone denies", [new RoleOptions { PortForwarding = false }], false, SshPortForwardMode.Off, true, false, "best_effort" },
        { "legacy port_forwarding true in any role allows", [new RoleOptions { PortForwarding = false }, new RoleOptions { PortForwarding = true }], false, SshPortForwardMode.On, true, false, "best_effort" },
        { "explicit remote deny wins over implicit allow", [new RoleOptions { SshPortForwarding = new SshPortForwarding { RemoteEnabled = false } }, new RoleOptions()], false, SshPortForwardMode.Local, true, false, "best_effort" },
        { "explicit deny wins over explicit allow", [new RoleOptions { SshPortForwarding = new SshPortForwarding { LocalEnabled = false } }, new RoleOptions { SshPortForwarding = new SshPortForwarding { LocalEnabled = true, RemoteEnabled = true } }], false, SshPortForwardMode.Remote, true, false, "best_effort" },
        { "both directions denied", [new RoleOptions { SshPortForwarding = new SshPortForwarding { LocalEnabled = false, RemoteEnabled = false } }], false, SshPortForwardMode.Off, true, false, "best_effort" },
        { "legacy deny ignored once a role uses ssh_port_forwarding", [new RoleOptions { PortForwarding = false }, new RoleOptions { SshPortForwarding = new SshPortForwarding { LocalEnabled = true } }], false, SshPortForwardMode.On, true, false, "best_effort" },
        { "strict ssh recording wins", [new RoleOptions { RecordSession = new RecordSession { Ssh = "best_effort" } }, new RoleOptions { RecordSession = new RecordSession { Ssh = "strict" } }], false, SshPortForwardMode.On, true, false, "strict" },
        { "strict default applies without ssh settings", [new RoleOptions { RecordSession = new RecordSession { Default = "strict" } }, new RoleOptions()], false, SshPortForwardMode.On, true, false, "strict" },
        { "an explicit ssh best_effort overrides a strict default", [new RoleOptions { RecordSession = new RecordSession { Default = "strict" } }, new RoleOptions { RecordSession = new RecordSession { Ssh = "best_effort" } }], false, SshPortForwardMode.On, true, false, "best_effort" },
    };

    [Theory]
    [MemberData(nameof(MaxSessionTtl))]
    public void Max_session_ttl(string name, RoleOptions[] options, string expected) => Assert.True(expected == Combine(options).MaxSessionTtl.ToString(), name);

    [Theory]
    [MemberData(nameof(ClientIdleTimeout))]
    public void Client_idle_timeout(string name, RoleOptions[] options, string expected) => Assert.True(expected == Combine(options).ClientIdleTimeout.ToString(), name);

    [Theory]
    [MemberData(nameof(Switches))]
    public void Switches_combine(string name, RoleOptions[] options, bool forwardAgent, SshPortForwardMode portForwarding, bool fileCopy, bool disconnect, string recording)
    {
        AccessOptions combined = Combine(options);
        Assert.True(
            (forwardAgent, portForwarding, fileCopy, disconnect, recording)
                == (combined.ForwardAgent, combined.PortForwarding, combined.SshFileCopy, combined.DisconnectExpiredCert, combined.RecordSessionSsh),
            $"{name}: {combined}");
    }

    [Fact]
    public void Limits_take_the_lowest_non_zero_and_lists_join()
    {
        AccessOptions combined = Combine(
            new RoleOptions { MaxSessions = 10, MaxConnections = 0, Lock = "best_effort", EnhancedRecording = ["command"] },
            new RoleOptions { MaxSessions = 3, MaxConnections = 5, Lock = "strict", EnhancedRecording = ["network", "command"], CertFormat = "oldssh" },
            new RoleOptions { MaxSessions = 0, PinSourceIp = true, RequireSessionMfa = RequireMfaType.Session });
        Assert.Equal(3, combined.MaxSessions);
        Assert.Equal(5, combined.MaxConnections);
        Assert.Equal("strict", combined.LockingMode);
        Assert.Equal(["command", "network"], combined.EnhancedRecording);
        Assert.Equal("oldssh", combined.CertificateFormat);
        Assert.True(combined.PinSourceIp);
        Assert.True(combined.RequireSessionMfa);
        Assert.Null(Combine(new RoleOptions()).LockingMode);
    }

    [Fact]
    public void Preset_access_forwards_agents_and_ports_for_30_hours()
    {
        AccessOptions options = new AccessChecker([PresetRoles.Access()], Traits("")).Options;
        Assert.True(options.ForwardAgent);
        Assert.True(options.CanPortForward);
        Assert.Equal(Duration.FromHours(30), options.MaxSessionTtl);
    }
}
