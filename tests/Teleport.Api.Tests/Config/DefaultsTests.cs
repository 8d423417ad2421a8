using Teleport.Api.Types;
using Teleport.Api.Config;

namespace Teleport.Api.Tests.Config;

/// <summary><c>teleport start</c> with no file: the quickstart.</summary>
public sealed class DefaultsTests
{
    [Fact]
    public void WithoutAFileAllThreeServicesRunInOneProcess()
    {
        TeleportConfig config = TeleportConfig.ForStart(null, host: Hosts.Root);

        Assert.Equal(["auth", "node", "proxy"], config.Roles);
        Assert.Equal("web1", config.Global.NodeName);
        Assert.Equal("web1", config.ClusterName);
        Assert.Equal("/var/lib/teleport", config.Global.DataDir);
        Assert.Equal("/var/lib/teleport/backend", config.Global.BackendDirectory);
        Assert.Equal(new NetAddr("127.0.0.1", 3025), config.AuthAddress);
    }

    [Fact]
    public void RootKeepsDataInVarLib()
    {
        Assert.Equal("/var/lib/teleport", Hosts.Root.DefaultDataDir);
        Assert.Equal("/var/lib/teleport", TeleportConfig.Default(Hosts.Root).Global.DataDir);
    }

    [Fact]
    public void OtherUsersKeepDataInTheirXdgDataDirectory()
    {
        Assert.Equal("/home/alice/.local/share/teleport", Hosts.User.DefaultDataDir);
        Assert.Equal("/home/alice/.local/share/teleport", TeleportConfig.Parse("version: v3", Hosts.User).Global.DataDir);
        Assert.Equal("/data/alice/teleport", (Hosts.User with { XdgDataHome = "/data/alice" }).DefaultDataDir);

        // The XDG spec: a relative XDG_DATA_HOME is invalid and ignored.
        Assert.Equal("/home/alice/.local/share/teleport", (Hosts.User with { XdgDataHome = "relative" }).DefaultDataDir);
    }

    [Fact]
    public void TheRunningProcessHasAHostnameAndADataDirectory()
    {
        HostEnvironment current = HostEnvironment.Current;

        Assert.False(string.IsNullOrEmpty(current.HostName));
        Assert.True(Path.IsPathRooted(current.DefaultDataDir));
        Assert.Equal(current.HostName, TeleportConfig.Default().Global.NodeName);
    }

    [Fact]
    public void DataDirFollowsIntoTheBackendDirectoryUnlessAPathIsGiven()
    {
        TeleportConfig config = TeleportConfig.Parse("version: v3\nteleport:\n  data_dir: /srv/tp\n", Hosts.Root);
        Assert.Equal("/srv/tp/backend", config.Global.BackendDirectory);

        TeleportConfig moved = config.Apply(new StartFlags { DataDir = "/tmp/tp" });
        Assert.Equal("/tmp/tp/backend", moved.Global.BackendDirectory);

        TeleportConfig pinned = TeleportConfig.Parse("version: v3\nteleport:\n  storage:\n    path: /fast/backend\n", Hosts.Root)
            .Apply(new StartFlags { DataDir = "/tmp/tp" });
        Assert.Equal("/fast/backend", pinned.Global.BackendDirectory);
    }

    [Theory]
    [InlineData("version: v3\nauth_service:\n  enabled: no\nssh_service:\n  enabled: no\nproxy_service:\n  enabled: no\n",
        "no service is enabled: enable auth_service, ssh_service or proxy_service (or pass --roles)")]
    [InlineData("version: v3\nauth_service:\n  enabled: no\n",
        "teleport.auth_server: this process does not run the Auth service, so it needs the cluster's address: set teleport.auth_server (or proxy_server), or pass --auth-server")]
    public void AProcessThatCannotStartIsRefused(string yaml, string message)
    {
        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() => TeleportConfig.ForStart(yaml, host: Hosts.Root));

        Assert.Equal(message, e.Message);
    }
}
