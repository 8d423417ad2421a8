using Teleport.Api.Config;
using Teleport.Api.Types;

namespace Teleport.Api.Tests.Config;

/// <summary><c>teleport configure</c>: a commented sample that reads back as the configuration it describes.</summary>
public sealed class SampleConfigTests
{
    [Fact]
    public void TheDefaultSampleIsASingleProcessCluster()
    {
        string yaml = SampleConfig.Write(host: Hosts.Root);

        Assert.StartsWith("#\n# A Teleport configuration file (format v3)", yaml, StringComparison.Ordinal);
        Assert.Contains("\nversion: v3\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  nodename: web1\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  listen_addr: 0.0.0.0:3025\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  enabled: \"yes\"\n", yaml, StringComparison.Ordinal);

        TeleportConfig config = TeleportConfig.ForStart(yaml, host: Hosts.Root);
        TeleportConfig defaults = TeleportConfig.Default(Hosts.Root);
        Assert.Equal(["auth", "node", "proxy"], config.Roles);
        Assert.Equal(defaults.Global, config.Global);
        Assert.Equal(defaults.AuthService, config.AuthService);
        Assert.Equal(defaults.ProxyService, config.ProxyService);
        Assert.Equal(defaults.SshService with { Commands = config.SshService.Commands }, config.SshService);
        Assert.Equal(
            [new CommandLabelConfig { Name = "hostname", Command = ["hostname"], Period = Duration.FromMinutes(1) }],
            config.SshService.Commands);
    }

    [Fact]
    public void AnOrdinaryUsersSampleKeepsDataInTheirHome()
    {
        TeleportConfig config = TeleportConfig.Parse(SampleConfig.Write(host: Hosts.User), Hosts.Root);

        Assert.Equal("laptop", config.Global.NodeName);
        Assert.Equal("/home/alice/.local/share/teleport", config.Global.DataDir);
    }

    [Fact]
    public void OptionsRoundTrip()
    {
        var options = new ConfigureOptions
        {
            ClusterName = "example.com",
            NodeName = "teleport-1",
            DataDir = "/srv/teleport data",
            PublicAddr = "teleport.example.com",
            KeyFile = "/etc/ssl/key.pem",
            CertFile = "/etc/ssl/cert.pem",
            NodeLabels = "env=prod,version=1.10,kernel=[1h:uname -r]",
        };

        string yaml = SampleConfig.Write(options, Hosts.Root);
        TeleportConfig config = TeleportConfig.ForStart(yaml, host: Hosts.Root);

        Assert.Contains("  cluster_name: example.com\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  data_dir: \"/srv/teleport data\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    version: \"1.10\"\n", yaml, StringComparison.Ordinal);
        Assert.Equal("example.com", config.ClusterName);
        Assert.Equal("teleport-1", config.Global.NodeName);
        Assert.Equal("/srv/teleport data", config.Global.DataDir);

        // Teleport: --public-addr defaults to port 443 and moves the web listener to that port.
        Assert.Equal([new NetAddr("teleport.example.com", 443)], config.ProxyService.PublicAddr);
        Assert.Equal(new NetAddr("0.0.0.0", 443), config.ProxyService.WebListenAddr);
        Assert.Equal([new KeyPairConfig { KeyFile = "/etc/ssl/key.pem", CertFile = "/etc/ssl/cert.pem" }], config.ProxyService.HttpsKeyPairs);
        Assert.Equal(ValueMap.From<string>([new("env", "prod"), new("version", "1.10")]), config.SshService.Labels);
        Assert.Equal(["hostname", "kernel"], config.SshService.Commands.Select(static command => command.Name));
    }

    [Fact]
    public void ANodeSampleJoinsTheCluster()
    {
        var options = new ConfigureOptions
        {
            Roles = "node",
            Token = "abcd1234",
            ProxyServer = "teleport.example.com:443",
            CaPin = "sha256:1111111111111111111111111111111111111111111111111111111111111111,sha256:2222222222222222222222222222222222222222222222222222222222222222",
        };

        string yaml = SampleConfig.Write(options, Hosts.Root);
        TeleportConfig config = TeleportConfig.ForStart(yaml, host: Hosts.Root);

        Assert.Contains("auth_service:\n  enabled: \"no\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("proxy_service:\n  enabled: \"no\"\n", yaml, StringComparison.Ordinal);
        Assert.Equal(["node"], config.Roles);
        Assert.Equal(new JoinParams { TokenName = "abcd1234", Method = "token" }, config.Global.JoinParams);
        Assert.Equal(new NetAddr("teleport.example.com", 443), config.Global.ProxyServer);
        Assert.Equal(2, config.Global.CaPin.Count);
    }

    [Fact]
    public void ANodeSampleMayNameTheAuthServer()
    {
        string yaml = SampleConfig.Write(new ConfigureOptions { Roles = "node,proxy", Token = "t", AuthServer = "[fd00::5]" }, Hosts.Root);
        TeleportConfig config = TeleportConfig.ForStart(yaml, host: Hosts.Root);

        Assert.Contains("  auth_server: \"[fd00::5]:3025\"\n", yaml, StringComparison.Ordinal);
        Assert.Equal(new NetAddr("fd00::5", 3025), config.Global.AuthServer);
        Assert.Equal(["node", "proxy"], config.Roles);
    }

    public static TheoryData<ConfigureOptions, string> BadOptions => new()
    {
        { new ConfigureOptions { KeyFile = "/k" }, "--cert-file: give both --key-file and --cert-file, or neither" },
        { new ConfigureOptions { Roles = "node" }, "--auth-server: without the auth role the file needs --auth-server or --proxy to join the cluster" },
        { new ConfigureOptions { Roles = "node", AuthServer = "a", ProxyServer = "b" }, "--proxy: give --auth-server or --proxy, not both" },
        { new ConfigureOptions { Roles = "node,proxy", ProxyServer = "b" }, "--proxy: a process that runs the proxy does not join through another: leave proxy out of --roles" },
        { new ConfigureOptions { Roles = "web" }, "--roles: unknown role \"web\": write a comma list of auth, node and proxy" },
        { new ConfigureOptions { PublicAddr = "a b" }, "--public-addr: \"a b\" is not an address: \"a b\" is not a host name or IP address" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadOptionsNameTheFlag(ConfigureOptions options, string message)
    {
        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() => SampleConfig.Write(options, Hosts.Root));

        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("web1", "web1")]
    [InlineData("0.0.0.0:3025", "0.0.0.0:3025")]
    [InlineData("/var/lib/teleport", "/var/lib/teleport")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("1.10", "\"1.10\"")]
    [InlineData("3080", "\"3080\"")]
    [InlineData("", "\"\"")]
    [InlineData("[::1]:3025", "\"[::1]:3025\"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("a #b", "\"a #b\"")]
    [InlineData("say \"hi\"\n", "\"say \\\"hi\\\"\\n\"")]
    public void ScalarsAreQuotedOnlyWhenTheyMustBe(string value, string written)
    {
        Assert.Equal(written, SampleConfig.Scalar(value));

        // Whatever is written reads back as the same text.
        TeleportConfig config = TeleportConfig.Parse($"version: v3\nssh_service:\n  labels:\n    k: {written}\n", Hosts.Root);
        Assert.Equal(value, config.SshService.Labels["k"]);
    }
}
