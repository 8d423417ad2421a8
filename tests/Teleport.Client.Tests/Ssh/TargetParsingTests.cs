using Teleport.Client.Profiles;
using Teleport.Client.Ssh;

namespace Teleport.Client.Tests.Ssh;

public sealed class TargetParsingTests
{
    [Theory]
    [InlineData("web1", null, "web1", 0)]
    [InlineData("root@web1", "root", "web1", 0)]
    [InlineData("root@web1:2222", "root", "web1", 2222)]
    [InlineData("root@web1.example", "root", "web1", 0)]
    [InlineData("root@web1.example:3022", "root", "web1", 3022)]
    [InlineData("a@b@10.0.0.5:22", "a@b", "10.0.0.5", 22)]
    [InlineData("root@[::1]:2200", "root", "::1", 2200)]
    public void Host_targets(string text, string? login, string host, int port)
    {
        SshTarget target = SshTarget.Parse(text, "example");
        Assert.False(target.IsLabelTarget);
        Assert.Equal(new SshTarget(login, host, port, null), target);
    }

    [Fact]
    public void Label_targets_select_by_every_label()
    {
        SshTarget target = SshTarget.Parse("root@env=test,role=db");
        Assert.True(target.IsLabelTarget);
        Assert.Equal("root", target.Login);
        Assert.Equal(new Dictionary<string, string> { ["env"] = "test", ["role"] = "db" }, target.Labels);
    }

    [Theory]
    [InlineData("@web1")]
    [InlineData("root@")]
    [InlineData("root@web1:99999")]
    [InlineData("root@web1:x")]
    [InlineData("root@=x")]
    public void Bad_targets_say_what_is_wrong(string text) => Assert.Throws<ClientException>(() => SshTarget.Parse(text));

    [Fact]
    public void Ls_labels_combine_words_and_commas()
    {
        Assert.Equal(
            new Dictionary<string, string> { ["env"] = "prod", ["role"] = "db", ["zone"] = "a" },
            LabelSelector.Parse(["env=prod,role=db", "zone=a"]));
        Assert.Throws<ClientException>(() => LabelSelector.Parse(["env"]));
    }

    [Theory]
    [InlineData("8080:localhost:80", "127.0.0.1", 8080, "localhost", 80)]
    [InlineData("0.0.0.0:8080:db.internal:5432", "0.0.0.0", 8080, "db.internal", 5432)]
    [InlineData("*:8080:db:5432", "0.0.0.0", 8080, "db", 5432)]
    [InlineData("[::1]:8080:[fe80::1]:80", "::1", 8080, "fe80::1", 80)]
    public void Forward_specs(string text, string bind, int bindPort, string host, int hostPort) =>
        Assert.Equal(new ForwardSpec(bind, bindPort, host, hostPort), ForwardSpec.Parse(text));

    [Theory]
    [InlineData("8080")]
    [InlineData("8080:host")]
    [InlineData("x:host:80")]
    [InlineData("a:b:c:d:e")]
    public void Bad_forward_specs(string text) => Assert.Throws<ClientException>(() => ForwardSpec.Parse(text));

    [Theory]
    [InlineData("proxy.example.com", "proxy.example.com", 3080)]
    [InlineData("proxy.example.com:443", "proxy.example.com", 443)]
    [InlineData("[::1]:3080", "::1", 3080)]
    public void Proxy_addresses(string text, string host, int port) => Assert.Equal(new HostPort(host, port), HostPort.Parse(text, HostPort.DefaultWebPort));
}
