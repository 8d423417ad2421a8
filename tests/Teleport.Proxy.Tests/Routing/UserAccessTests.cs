using Teleport.Api.Serialization;
using Teleport.Api.Types;
using Teleport.Proxy.Cluster;
using Teleport.Proxy.Routing;

namespace Teleport.Proxy.Tests.Routing;

/// <summary>Which nodes a user sees and with which logins: the roles Auth defines now, deny first, traits expanded.</summary>
public sealed class UserAccessTests
{
    private static readonly Role Dev = ResourceYaml.Read<Role>("""
        kind: role
        version: v7
        metadata:
          name: dev
        spec:
          allow:
            logins: ['{{internal.logins}}', ubuntu]
            node_labels:
              env: [dev, staging]
          deny:
            logins: [root]
        """);

    private static readonly Role NoStaging = ResourceYaml.Read<Role>("""
        kind: role
        version: v7
        metadata:
          name: no-staging
        spec:
          deny:
            node_labels:
              env: staging
        """);

    private static readonly ClusterSnapshot Cluster = new("main", new Dictionary<string, Role> { ["dev"] = Dev, ["no-staging"] = NoStaging }, [], [], "otp");

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Traits = new Dictionary<string, IReadOnlyList<string>>
    {
        ["logins"] = ["alice", "root"],
    };

    [Fact]
    public void Logins_come_from_the_roles_with_traits_expanded_and_denied_logins_removed()
    {
        UserAccess access = UserAccess.For("alice", ["dev"], Traits, Cluster);
        Assert.Equal(["alice", "ubuntu"], access.LoginsOn(Node("dev")));
        Assert.True(access.CanSee(Node("staging")));
    }

    [Fact]
    public void A_node_the_labels_do_not_allow_or_a_deny_rule_matches_is_hidden()
    {
        UserAccess access = UserAccess.For("alice", ["dev", "no-staging"], Traits, Cluster);
        Assert.False(access.CanSee(Node("prod")));
        Assert.False(access.CanSee(Node("staging")));
        Assert.Empty(access.LoginsOn(Node("staging")));
        Assert.True(access.CanSee(Node("dev")));
    }

    [Fact]
    public void Roles_the_cluster_no_longer_defines_grant_nothing()
    {
        UserAccess access = UserAccess.For("alice", ["gone"], Traits, Cluster);
        Assert.Equal(["gone"], access.UnknownRoles);
        Assert.False(access.CanSee(Node("dev")));
    }

    private static Server Node(string env) => new()
    {
        Metadata = new Metadata { Name = Guid.NewGuid().ToString(), Labels = ValueMap.From([KeyValuePair.Create("env", env)]) },
        Spec = new ServerSpec { Hostname = env + "1", Addr = "10.0.0.1:3022" },
    };
}
