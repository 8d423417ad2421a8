using Teleport.Api.Config;
using Teleport.Api.Types;

namespace Teleport.Api.Tests.Config;

/// <summary><c>teleport start</c>'s flags win over the file, as in Teleport's Configure.</summary>
public sealed class StartFlagsTests
{
    private const string Pin1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Pin2 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private const string NodeFile = """
        version: v3
        teleport:
          nodename: from-file
          data_dir: /var/lib/teleport
          auth_token: file-token
          auth_server: auth.example.com
          ca_pin: sha256:1111111111111111111111111111111111111111111111111111111111111111
          log:
            severity: WARN
        auth_service:
          enabled: no
        ssh_service:
          labels:
            env: file
          commands:
          - name: arch
            command: [uname, -m]
            period: 1h
        proxy_service:
          enabled: no
        """;

    [Fact]
    public void NoFlagsChangeNothing()
    {
        TeleportConfig file = TeleportConfig.Parse(NodeFile, Hosts.Root);

        Assert.Equal(file, file.Apply(new StartFlags()));
        Assert.Equal(file, file.Apply(new StartFlags { Roles = "", Token = "", NodeName = "", Labels = "" }));
    }

    [Fact]
    public void FlagsOverrideTheFile()
    {
        TeleportConfig file = TeleportConfig.Parse(NodeFile, Hosts.Root);

        TeleportConfig config = file.Apply(new StartFlags
        {
            NodeName = "from-flag",
            Token = "flag-token",
            AuthServer = "10.1.2.3:4025",
            CaPins = [Pin2],
            Debug = true,
            Labels = "env=flag,team=db",
            DataDir = "/tmp/teleport",
            DiagAddr = "127.0.0.1:3434",
        });
        config.Validate();

        Assert.Equal("from-flag", config.Global.NodeName);
        Assert.Equal("flag-token", config.Global.JoinToken);
        Assert.Null(config.Global.AuthToken);
        Assert.Equal(new JoinParams { TokenName = "flag-token", Method = "token" }, config.Global.JoinParams);
        Assert.Equal(new NetAddr("10.1.2.3", 4025), config.Global.AuthServer);
        Assert.Equal([Pin2], config.Global.CaPin);
        Assert.Equal(LogSeverity.Debug, config.Global.Log.Severity);
        Assert.Equal(ValueMap.From<string>([new("env", "flag"), new("team", "db")]), config.SshService.Labels);
        Assert.Empty(config.SshService.Commands);
        Assert.Equal("/tmp/teleport", config.Global.DataDir);
        Assert.Equal(new NetAddr("127.0.0.1", 3434), config.Global.DiagAddr);

        // The file itself is unchanged: records are immutable.
        Assert.Equal("from-file", file.Global.NodeName);
        Assert.Equal([Pin1], file.Global.CaPin);
    }

    [Theory]
    [InlineData("auth,node,proxy", true, true, true)]
    [InlineData("node", false, true, false)]
    [InlineData("proxy,auth", true, false, true)]
    [InlineData(" Node , PROXY ", false, true, true)]
    [InlineData("auth,,auth", true, false, false)]
    public void RolesRunExactlyThoseServices(string roles, bool auth, bool node, bool proxy)
    {
        const string AllOff = "version: v3\nteleport:\n  auth_server: a\nauth_service:\n  enabled: no\nssh_service:\n  enabled: no\nproxy_service:\n  enabled: no\n";
        foreach (string yaml in (string[])["version: v3\nteleport:\n  auth_server: a\n", AllOff])
        {
            TeleportConfig config = TeleportConfig.Parse(yaml, Hosts.Root).Apply(new StartFlags { Roles = roles });

            Assert.Equal(auth, config.AuthService.Enabled);
            Assert.Equal(node, config.SshService.Enabled);
            Assert.Equal(proxy, config.ProxyService.Enabled);
        }
    }

    /// <summary>Teleport: "not starting the local auth service. --auth-server flag tells to connect to another auth server".</summary>
    [Fact]
    public void AuthServerTurnsTheLocalAuthServiceOff()
    {
        TeleportConfig config = TeleportConfig.ForStart(null, new StartFlags { Roles = "auth,node", AuthServer = "auth.example.com", Token = "t" }, Hosts.Root);

        Assert.False(config.AuthService.Enabled);
        Assert.True(config.SshService.Enabled);
        Assert.False(config.ProxyService.Enabled);
        Assert.Equal(new NetAddr("auth.example.com", 3025), config.AuthAddress);
    }

    [Fact]
    public void TheTokenFlagKeepsTheFilesJoinMethod()
    {
        TeleportConfig config = TeleportConfig.Parse("version: v3\nteleport:\n  join_params:\n    token_name: old\n    method: token\n", Hosts.Root)
            .Apply(new StartFlags { Token = "new" });

        Assert.Equal(new JoinParams { TokenName = "new", Method = "token" }, config.Global.JoinParams);
    }

    [Fact]
    public void DebugDoesNotLowerTrace()
    {
        TeleportConfig trace = TeleportConfig.Parse("version: v3\nteleport:\n  log:\n    severity: trace\n", Hosts.Root);

        Assert.Equal(LogSeverity.Trace, trace.Apply(new StartFlags { Debug = true }).Global.Log.Severity);
        Assert.Equal(LogSeverity.Debug, TeleportConfig.Default(Hosts.Root).Apply(new StartFlags { Debug = true }).Global.Log.Severity);
    }

    [Fact]
    public void ListenIPMovesEveryListenerAndKeepsThePorts()
    {
        TeleportConfig config = TeleportConfig.Parse("version: v3\nproxy_service:\n  web_listen_addr: 0.0.0.0:443\n", Hosts.Root)
            .Apply(new StartFlags { ListenIP = "10.0.0.9" });

        Assert.Equal("10.0.0.9:3025", config.AuthService.ListenAddr.Addr);
        Assert.Equal("10.0.0.9:3022", config.SshService.ListenAddr.Addr);
        Assert.Equal("10.0.0.9:3023", config.ProxyService.ListenAddr.Addr);
        Assert.Equal("10.0.0.9:443", config.ProxyService.WebListenAddr.Addr);
        Assert.Equal("10.0.0.9:3024", config.ProxyService.TunnelListenAddr.Addr);
        Assert.Equal(new NetAddr("10.0.0.9", 3025), config.AuthAddress);

        TeleportConfig v6 = TeleportConfig.Default(Hosts.Root).Apply(new StartFlags { ListenIP = "::1" });
        Assert.Equal("[::1]:3022", v6.SshService.ListenAddr.Addr);
    }

    [Fact]
    public void LabelsMayQuoteAndRunCommands()
    {
        TeleportConfig config = TeleportConfig.Default(Hosts.Root).Apply(new StartFlags
        {
            Labels = "env=prod;\"team\"=\"a, b\",kernel=[1h:uname -r],arch=[30m:\"uname\" -m]",
        });

        Assert.Equal(ValueMap.From<string>([new("env", "prod"), new("team", "a, b")]), config.SshService.Labels);
        Assert.Equal(
            [
                new CommandLabelConfig { Name = "kernel", Command = ["uname", "-r"], Period = Duration.FromHours(1) },
                new CommandLabelConfig { Name = "arch", Command = ["uname", "-m"], Period = Duration.FromMinutes(30) },
            ],
            config.SshService.Commands);
    }

    public static TheoryData<StartFlags, string> BadFlags => new()
    {
        { new StartFlags { Roles = "node,web" }, "--roles: unknown role \"web\": write a comma list of auth, node and proxy" },
        { new StartFlags { Roles = "node,app" }, "--roles: the app role is not supported by this implementation yet: write a comma list of auth, node and proxy" },
        { new StartFlags { Roles = " , " }, "--roles: no role given: write a comma list of auth, node and proxy" },
        { new StartFlags { AuthServer = "auth:http" }, "--auth-server: \"auth:http\" is not an address: the port \"http\" must be a number from 0 to 65535" },
        { new StartFlags { CaPins = ["abc"] }, "--ca-pin: \"abc\" is not a CA pin: write sha256: and 64 hex digits, as tctl status prints it (or a path to a file of pins)" },
        { new StartFlags { ListenIP = "localhost" }, "--listen-ip: \"localhost\" is not an IP address" },
        { new StartFlags { Labels = "env" }, "--labels: \"env\" is not a label: write key=value, like env=prod" },
        { new StartFlags { Labels = "a=1,a=2" }, "--labels: the label a is given twice" },
        { new StartFlags { Labels = "bad key=1" }, "--labels: \"bad key\" is not a label name: use letters, digits and / . _ : * -" },
        { new StartFlags { Labels = "k=[hourly:uname]" }, "--labels: \"[hourly:uname]\" is not a command label: write [period:command args], like [1h:uname -r]" },
        { new StartFlags { DiagAddr = "127.0.0.1" }, "--diag-addr: \"127.0.0.1\" is not an address: a port is required, like 127.0.0.1:3000" },
    };

    [Theory]
    [MemberData(nameof(BadFlags))]
    public void BadFlagsNameTheFlag(StartFlags flags, string message)
    {
        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() => TeleportConfig.Default(Hosts.Root).Apply(flags));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ANodeNeedsAnAuthServerFromTheFileOrAFlag()
    {
        var flags = new StartFlags { Roles = "node", Token = "t" };
        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() => TeleportConfig.ForStart(null, flags, Hosts.Root));
        Assert.Equal("teleport.auth_server", e.FieldPath);

        TeleportConfig config = TeleportConfig.ForStart(null, flags with { AuthServer = "10.0.0.1" }, Hosts.Root);
        Assert.Equal(["node"], config.Roles);
        Assert.Equal(new NetAddr("10.0.0.1", 3025), config.Global.AuthServer);
    }

    [Fact]
    public void RolesThatStartTheProxyConflictWithProxyServer()
    {
        const string Yaml = "version: v3\nteleport:\n  proxy_server: proxy.example.com\nauth_service:\n  enabled: no\nproxy_service:\n  enabled: no\n";
        TeleportConfig.ForStart(Yaml, host: Hosts.Root);

        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() =>
            TeleportConfig.ForStart(Yaml, new StartFlags { Roles = "node,proxy" }, Hosts.Root));
        Assert.Equal("teleport.proxy_server", e.FieldPath);
    }
}
