using Teleport.Api.Config;
using Teleport.Api.Types;

namespace Teleport.Api.Tests.Config;

/// <summary>Whole files read as Teleport reads them, with every default applied.</summary>
public sealed class ParseTests
{
    /// <summary>A single-process cluster as an administrator writes one, every section present.</summary>
    private const string FullSample = """
        version: v3
        teleport:
          nodename: teleport-1
          data_dir: /srv/teleport
          log:
            output: /var/log/teleport.log
            severity: warn
            format:
              output: json
              extra_fields: [timestamp, level, component, caller]
          storage:
            type: dir
            path: /srv/teleport/state
          ca_pin:
          - sha256:AB6FBC6E9E0A1B7A0B2E3C8F84C6D1E3DE1A0F5C2D1B6A9E0C7B3A2D1E0F9C8B
          diag_addr: 127.0.0.1:3000
        auth_service:
          enabled: yes
          listen_addr: 10.0.0.5:3025
          public_addr: [auth.example.com, "auth2.example.com:4025"]
          cluster_name: example.com
          tokens:
          - "proxy,node:xyz"
          - "NODE:/etc/teleport/tokens"
          authentication:
            type: local
            second_factor: on
          session_recording: proxy-sync
          proxy_listener_mode: separate
        ssh_service:
          enabled: "true"
          listen_addr: 0.0.0.0:3022
          public_addr: web1.example.com
          labels:
            env: prod
            team/owner: platform
          commands:
          - name: kernel
            command: [uname, -r]
            period: 1h0m0s
          pam:
            enabled: no
        proxy_service:
          enabled: on
          listen_addr: 0.0.0.0:3023
          web_listen_addr: :443
          tunnel_listen_addr: "[::]:3024"
          public_addr: teleport.example.com:443
          ssh_public_addr: [teleport.example.com]
          tunnel_public_addr: teleport.example.com
          https_keypairs:
          - key_file: /etc/ssl/teleport.key
            cert_file: /etc/ssl/teleport.crt
          https_keypairs_reload_interval: 1h
          acme: {}
        kubernetes_service:
          enabled: false
        """;

    [Fact]
    public void AFullFileReadsEveryField()
    {
        TeleportConfig config = TeleportConfig.Parse(FullSample, Hosts.Root);

        Assert.Equal("v3", config.Version);
        GlobalConfig global = config.Global;
        Assert.Equal("teleport-1", global.NodeName);
        Assert.Equal("/srv/teleport", global.DataDir);
        Assert.Equal("/var/log/teleport.log", global.Log.Output);
        Assert.True(global.Log.OutputIsFile);
        Assert.Equal(LogSeverity.Warn, global.Log.Severity);
        Assert.Equal(LogFormatOutput.Json, global.Log.Format.Output);
        Assert.Equal(["timestamp", "level", "component", "caller"], global.Log.Format.ExtraFields);
        Assert.Equal(StorageType.Sqlite, global.Storage.Type);
        Assert.Equal("/srv/teleport/state", global.BackendDirectory);
        Assert.Equal(["sha256:ab6fbc6e9e0a1b7a0b2e3c8f84c6d1e3de1a0f5c2d1b6a9e0c7b3a2d1e0f9c8b"], global.CaPin);
        Assert.Equal(new NetAddr("127.0.0.1", 3000), global.DiagAddr);

        AuthServiceConfig auth = config.AuthService;
        Assert.True(auth.Enabled);
        Assert.Equal(new NetAddr("10.0.0.5", 3025), auth.ListenAddr);
        Assert.Equal([new NetAddr("auth.example.com", 3025), new NetAddr("auth2.example.com", 4025)], auth.PublicAddr);
        Assert.Equal("example.com", auth.ClusterName);
        Assert.Equal("example.com", config.ClusterName);
        Assert.Equal(2, auth.Tokens.Count);
        Assert.Equal(["Proxy", "Node"], auth.Tokens[0].Roles);
        Assert.Equal("xyz", auth.Tokens[0].Secret);
        Assert.True(auth.Tokens[1].SecretIsFilePath);
        Assert.Equal(SecondFactor.On, auth.Authentication.SecondFactor);
        Assert.Equal(SessionRecordingMode.ProxySync, auth.SessionRecording);

        SshServiceConfig ssh = config.SshService;
        Assert.True(ssh.Enabled);
        Assert.Equal([new NetAddr("web1.example.com", 3022)], ssh.PublicAddr);
        Assert.Equal("prod", ssh.Labels["env"]);
        Assert.Equal("platform", ssh.Labels["team/owner"]);
        CommandLabelConfig kernel = Assert.Single(ssh.Commands);
        Assert.Equal("kernel", kernel.Name);
        Assert.Equal(["uname", "-r"], kernel.Command);
        Assert.Equal(Duration.FromHours(1), kernel.Period);

        ProxyServiceConfig proxy = config.ProxyService;
        Assert.True(proxy.Enabled);
        Assert.Equal(new NetAddr("", 443), proxy.WebListenAddr);
        Assert.Equal(":443", proxy.WebListenAddr.Addr);
        Assert.Equal(new NetAddr("::", 3024), proxy.TunnelListenAddr);
        Assert.Equal("[::]:3024", proxy.TunnelListenAddr.Addr);
        Assert.Equal([new NetAddr("teleport.example.com", 443)], proxy.PublicAddr);
        Assert.Equal([new NetAddr("teleport.example.com", 3023)], proxy.SshPublicAddr);
        Assert.Equal([new NetAddr("teleport.example.com", 3024)], proxy.TunnelPublicAddr);
        Assert.Equal([new KeyPairConfig { KeyFile = "/etc/ssl/teleport.key", CertFile = "/etc/ssl/teleport.crt" }], proxy.HttpsKeyPairs);
        Assert.Equal(Duration.FromHours(1), proxy.HttpsKeyPairsReloadInterval);
    }

    /// <summary>A node's file as <c>teleport node configure</c> writes it.</summary>
    [Fact]
    public void ANodeFileJoinsThroughTheProxy()
    {
        TeleportConfig config = TeleportConfig.Parse("""
            version: v3
            teleport:
              nodename: db1
              data_dir: /var/lib/teleport
              join_params:
                token_name: abcd1234
                method: token
              proxy_server: teleport.example.com:443
              log:
                output: stderr
                severity: INFO
                format:
                  output: text
              ca_pin: ""
              diag_addr: ""
            auth_service:
              enabled: "no"
            ssh_service:
              enabled: "yes"
              labels:
                env: staging
              commands:
              - name: hostname
                command: [hostname]
                period: 1m0s
            proxy_service:
              enabled: "no"
              https_keypairs: []
              https_keypairs_reload_interval: 0s
              acme: {}
            """, Hosts.Root);
        config.Validate();

        Assert.Equal(["node"], config.Roles);
        Assert.Equal("abcd1234", config.Global.JoinToken);
        Assert.Equal(new JoinParams { TokenName = "abcd1234", Method = "token" }, config.Global.JoinParams);
        Assert.Equal(new NetAddr("teleport.example.com", 443), config.Global.ProxyServer);
        Assert.Null(config.Global.AuthServer);
        Assert.Null(config.AuthAddress);
        Assert.Empty(config.Global.CaPin);
        Assert.Null(config.Global.DiagAddr);
        Assert.Empty(config.ProxyService.HttpsKeyPairs);
    }

    [Fact]
    public void TheOlderAuthTokenIsTheJoinToken()
    {
        TeleportConfig config = TeleportConfig.Parse("""
            version: v3
            teleport:
              auth_token: secret-token
              auth_server: 10.0.0.5
            auth_service:
              enabled: no
            proxy_service:
              enabled: no
            """, Hosts.Root);

        Assert.Equal("secret-token", config.Global.JoinToken);
        Assert.Null(config.Global.JoinParams);
        Assert.Equal(new NetAddr("10.0.0.5", 3025), config.Global.AuthServer);
        Assert.Equal(new NetAddr("10.0.0.5", 3025), config.AuthAddress);
    }

    /// <summary>The smallest file is a version: everything else takes Teleport's defaults.</summary>
    [Fact]
    public void EveryDefault()
    {
        TeleportConfig config = TeleportConfig.Parse("version: v3\n", Hosts.Root);

        Assert.Equal(TeleportConfig.Default(Hosts.Root), config);
        Assert.Equal("web1", config.Global.NodeName);
        Assert.Equal("/var/lib/teleport", config.Global.DataDir);
        Assert.Null(config.Global.JoinToken);
        Assert.Null(config.Global.AuthServer);
        Assert.Null(config.Global.ProxyServer);
        Assert.Empty(config.Global.CaPin);
        Assert.Null(config.Global.DiagAddr);
        Assert.Equal("stderr", config.Global.Log.Output);
        Assert.False(config.Global.Log.OutputIsFile);
        Assert.Equal(LogSeverity.Info, config.Global.Log.Severity);
        Assert.Equal(LogFormatOutput.Text, config.Global.Log.Format.Output);
        Assert.Empty(config.Global.Log.Format.ExtraFields);
        Assert.Equal(StorageType.Sqlite, config.Global.Storage.Type);
        Assert.Null(config.Global.Storage.Path);
        Assert.Equal("/var/lib/teleport/backend", config.Global.BackendDirectory);

        Assert.True(config.AuthService.Enabled);
        Assert.Equal("0.0.0.0:3025", config.AuthService.ListenAddr.Addr);
        Assert.Empty(config.AuthService.PublicAddr);
        Assert.Null(config.AuthService.ClusterName);
        Assert.Equal("web1", config.ClusterName);
        Assert.Empty(config.AuthService.Tokens);
        Assert.Equal("local", config.AuthService.Authentication.Type);
        Assert.Equal(SecondFactor.Otp, config.AuthService.Authentication.SecondFactor);
        Assert.Equal(SessionRecordingMode.Node, config.AuthService.SessionRecording);
        Assert.Equal(ProxyListenerMode.Separate, config.AuthService.ProxyListenerMode);
        Assert.Equal(new NetAddr("127.0.0.1", 3025), config.AuthAddress);

        Assert.True(config.SshService.Enabled);
        Assert.Equal("0.0.0.0:3022", config.SshService.ListenAddr.Addr);
        Assert.Empty(config.SshService.PublicAddr);
        Assert.Empty(config.SshService.Labels);
        Assert.Empty(config.SshService.Commands);

        Assert.True(config.ProxyService.Enabled);
        Assert.Equal("0.0.0.0:3023", config.ProxyService.ListenAddr.Addr);
        Assert.Equal("0.0.0.0:3080", config.ProxyService.WebListenAddr.Addr);
        Assert.Equal("0.0.0.0:3024", config.ProxyService.TunnelListenAddr.Addr);
        Assert.Empty(config.ProxyService.PublicAddr);
        Assert.Empty(config.ProxyService.SshPublicAddr);
        Assert.Empty(config.ProxyService.TunnelPublicAddr);
        Assert.Empty(config.ProxyService.HttpsKeyPairs);
        Assert.Equal(Duration.Zero, config.ProxyService.HttpsKeyPairsReloadInterval);
        Assert.Equal(["auth", "node", "proxy"], config.Roles);
    }

    /// <summary>A section that is present but says nothing, or says nothing about <c>enabled</c>, is enabled.</summary>
    [Theory]
    [InlineData("version: v3\nauth_service:\nssh_service:\nproxy_service:\n")]
    [InlineData("version: v3\nauth_service: {}\nssh_service: {}\nproxy_service: {}\n")]
    [InlineData("version: v3\nteleport:\nauth_service:\n  cluster_name: c\nssh_service:\n  labels: {a: b}\nproxy_service:\n  public_addr: p\n")]
    public void ServicesAreEnabledUnlessTheySayNo(string yaml)
    {
        TeleportConfig config = TeleportConfig.Parse(yaml, Hosts.Root);

        Assert.Equal(["auth", "node", "proxy"], config.Roles);
    }

    /// <summary>Teleport's apiutils.ParseBool words, in any case, quoted or not.</summary>
    [Theory]
    [InlineData("yes", true)]
    [InlineData("\"yes\"", true)]
    [InlineData("Yes", true)]
    [InlineData("YEAH", true)]
    [InlineData("y", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("on", true)]
    [InlineData("1", true)]
    [InlineData("no", false)]
    [InlineData("\"no\"", false)]
    [InlineData("NO", false)]
    [InlineData("nope", false)]
    [InlineData("n", false)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    [InlineData("'0'", false)]
    [InlineData("\"\"", true)]
    [InlineData("", true)]
    public void EnabledSpellings(string value, bool enabled)
    {
        TeleportConfig config = TeleportConfig.Parse($"version: v3\nssh_service:\n  enabled: {value}\n", Hosts.Root);

        Assert.Equal(enabled, config.SshService.Enabled);
    }

    [Theory]
    [InlineData("ca_pin: sha256:0000000000000000000000000000000000000000000000000000000000000001", new[] { "sha256:0000000000000000000000000000000000000000000000000000000000000001" })]
    [InlineData("ca_pin: \"\"", new string[0])]
    [InlineData("ca_pin: []", new string[0])]
    [InlineData("ca_pin: /etc/teleport/pins", new[] { "/etc/teleport/pins" })]
    [InlineData("ca_pin:\n  - sha256:0000000000000000000000000000000000000000000000000000000000000001\n  - \"\"\n  - sha256:000000000000000000000000000000000000000000000000000000000000000F",
        new[] { "sha256:0000000000000000000000000000000000000000000000000000000000000001", "sha256:000000000000000000000000000000000000000000000000000000000000000f" })]
    public void CaPinIsATextOrAList(string field, string[] pins)
    {
        TeleportConfig config = TeleportConfig.Parse($"version: v3\nteleport:\n  {field}\n", Hosts.Root);

        Assert.Equal(pins, config.Global.CaPin);
    }

    [Theory]
    [InlineData("DEBUG", LogSeverity.Debug)]
    [InlineData("debug", LogSeverity.Debug)]
    [InlineData("Info", LogSeverity.Info)]
    [InlineData("WARN", LogSeverity.Warn)]
    [InlineData("warning", LogSeverity.Warn)]
    [InlineData("ERROR", LogSeverity.Error)]
    [InlineData("err", LogSeverity.Error)]
    [InlineData("trace", LogSeverity.Trace)]
    [InlineData("\"\"", LogSeverity.Info)]
    public void SeverityIsReadInAnyCase(string severity, LogSeverity expected)
    {
        TeleportConfig config = TeleportConfig.Parse($"version: v3\nteleport:\n  log:\n    severity: {severity}\n", Hosts.Root);

        Assert.Equal(expected, config.Global.Log.Severity);
    }

    [Theory]
    [InlineData("stderr", "stderr")]
    [InlineData("error", "stderr")]
    [InlineData("2", "stderr")]
    [InlineData("stdout", "stdout")]
    [InlineData("out", "stdout")]
    [InlineData("1", "stdout")]
    [InlineData("/var/log/teleport.log", "/var/log/teleport.log")]
    public void LogOutputSpellings(string output, string expected)
    {
        TeleportConfig config = TeleportConfig.Parse($"version: v3\nteleport:\n  log:\n    output: {output}\n", Hosts.Root);

        Assert.Equal(expected, config.Global.Log.Output);
    }

    [Theory]
    [InlineData("off", SecondFactor.Off)]
    [InlineData("\"off\"", SecondFactor.Off)]
    [InlineData("otp", SecondFactor.Otp)]
    [InlineData("on", SecondFactor.On)]
    [InlineData("optional", SecondFactor.Optional)]
    public void SecondFactorValues(string value, SecondFactor expected)
    {
        TeleportConfig config = TeleportConfig.Parse($"version: v3\nauth_service:\n  authentication:\n    second_factor: {value}\n", Hosts.Root);

        Assert.Equal(expected, config.AuthService.Authentication.SecondFactor);
    }

    [Theory]
    [InlineData("node", SessionRecordingMode.Node)]
    [InlineData("node-sync", SessionRecordingMode.NodeSync)]
    [InlineData("proxy", SessionRecordingMode.Proxy)]
    [InlineData("proxy-sync", SessionRecordingMode.ProxySync)]
    [InlineData("off", SessionRecordingMode.Off)]
    public void SessionRecordingValues(string value, SessionRecordingMode expected)
    {
        TeleportConfig config = TeleportConfig.Parse($"version: v3\nauth_service:\n  session_recording: {value}\n", Hosts.Root);

        Assert.Equal(expected, config.AuthService.SessionRecording);
    }

    [Fact]
    public void PostgresqlStorageTakesAConnectionString()
    {
        TeleportConfig config = TeleportConfig.Parse("""
            version: v3
            teleport:
              storage:
                type: postgresql
                conn_string: postgresql://teleport@db.example.com:5432/teleport_backend?sslmode=verify-full
            """, Hosts.Root);

        Assert.Equal(StorageType.Postgresql, config.Global.Storage.Type);
        Assert.Equal("postgresql://teleport@db.example.com:5432/teleport_backend?sslmode=verify-full", config.Global.Storage.ConnString);
    }

    [Fact]
    public void ListenAddressesWithoutAPortTakeTheFieldsDefault()
    {
        TeleportConfig config = TeleportConfig.Parse("""
            version: v3
            auth_service:
              listen_addr: 10.1.1.1
            ssh_service:
              listen_addr: 10.1.1.1
            proxy_service:
              listen_addr: 10.1.1.1
              web_listen_addr: 10.1.1.1
              tunnel_listen_addr: 10.1.1.1
            """, Hosts.Root);

        Assert.Equal(3025, config.AuthService.ListenAddr.Port);
        Assert.Equal(3022, config.SshService.ListenAddr.Port);
        Assert.Equal(3023, config.ProxyService.ListenAddr.Port);
        Assert.Equal(3080, config.ProxyService.WebListenAddr.Port);
        Assert.Equal(3024, config.ProxyService.TunnelListenAddr.Port);
    }

    /// <summary>A Teleport section this implementation does not run is fine while it is off.</summary>
    [Theory]
    [InlineData("app_service:\n  enabled: no\n  apps: []\n")]
    [InlineData("db_service:\n  enabled: \"no\"\n")]
    [InlineData("kubernetes_service:\n")]
    [InlineData("ssh_service:\n  pam:\n    enabled: false\n    service_name: teleport\n")]
    [InlineData("proxy_service:\n  acme:\n    enabled: no\n    email: a@example.com\n")]
    public void UnsupportedSectionsThatAreOffAreAccepted(string yaml)
    {
        TeleportConfig config = TeleportConfig.Parse("version: v3\n" + yaml, Hosts.Root);

        Assert.Equal(3, config.Roles.Count);
    }

    /// <summary>What Teleport's own <c>teleport configure --public-addr=myhost:443</c> prints (v3) reads as written.</summary>
    [Fact]
    public void TeleportsOwnSampleReads()
    {
        TeleportConfig config = TeleportConfig.ForStart("""
            version: v3
            teleport:
              nodename: myhost
              data_dir: /var/lib/teleport
              log:
                output: stderr
                severity: INFO
                format:
                  output: text
              ca_pin: ""
              diag_addr: ""
            auth_service:
              enabled: "yes"
              listen_addr: 0.0.0.0:3025
              proxy_listener_mode: multiplex
            ssh_service:
              enabled: "yes"
              commands:
              - name: hostname
                command: [hostname]
                period: 1m0s
            proxy_service:
              enabled: "yes"
              web_listen_addr: 0.0.0.0:443
              public_addr: myhost:443
              https_keypairs: []
              https_keypairs_reload_interval: 0s
              acme: {}
            """, host: Hosts.Root);

        Assert.Equal(["auth", "node", "proxy"], config.Roles);
        Assert.Equal(ProxyListenerMode.Multiplex, config.AuthService.ProxyListenerMode);
        Assert.Equal(new NetAddr("0.0.0.0", 443), config.ProxyService.WebListenAddr);
        Assert.Equal([new NetAddr("myhost", 443)], config.ProxyService.PublicAddr);
    }

    [Fact]
    public void ABomAndCommentsAreFine()
    {
        TeleportConfig config = TeleportConfig.Parse("\uFEFF# teleport.yaml\nversion: v3 # the format\n---\n", Hosts.Root);

        Assert.Equal("v3", config.Version);
    }
}
