using Teleport.Api.Types;
using Teleport.Proxy.Routing;

namespace Teleport.Proxy.Tests.Routing;

/// <summary>UUID, then node name, then advertised address; never anything else.</summary>
public sealed class NodeMatcherTests
{
    private static readonly Server Web1 = Node("11111111-1111-4111-8111-111111111111", "web1", "10.0.0.5:3022");
    private static readonly Server Web1Twin = Node("22222222-2222-4222-8222-222222222222", "web1", "10.0.0.6:3022");
    private static readonly Server Db = Node("33333333-3333-4333-8333-333333333333", "db", "10.0.0.7:3022");
    private static readonly Server DbOtherPort = Node("44444444-4444-4444-8444-444444444444", "db2", "10.0.0.7:4022");
    private static readonly Server[] All = [Web1, Web1Twin, Db, DbOtherPort];

    [Fact]
    public void A_uuid_picks_one_node_even_when_names_are_shared() =>
        Assert.Equal([Web1Twin], NodeMatcher.Match(All, new NodeTarget(Web1Twin.Metadata.Name.ToUpperInvariant(), 0, null)));

    [Fact]
    public void A_shared_name_matches_every_node_with_it() =>
        Assert.Equal([Web1, Web1Twin], NodeMatcher.Match(All, new NodeTarget("web1", 22, null)));

    [Fact]
    public void An_advertised_address_matches_host_and_port_first_then_host_alone()
    {
        Assert.Equal([DbOtherPort], NodeMatcher.Match(All, new NodeTarget("10.0.0.7", 4022, null)));
        Assert.Equal([Db, DbOtherPort], NodeMatcher.Match(All, new NodeTarget("10.0.0.7", 22, null)));
        Assert.Equal([Web1], NodeMatcher.Match(All, new NodeTarget("10.0.0.5", 0, null)));
    }

    [Fact]
    public void Nodes_the_user_may_not_see_do_not_match_and_do_not_make_a_name_ambiguous()
    {
        Assert.Equal([Web1Twin], NodeMatcher.Match(All, new NodeTarget("web1", 0, null), n => n != Web1));
        Assert.Empty(NodeMatcher.Match(All, new NodeTarget(Web1.Metadata.Name, 0, null), n => n != Web1));
        Assert.Empty(NodeMatcher.Match(All, new NodeTarget("10.0.0.5", 3022, null), n => n != Web1));
    }

    [Theory]
    [InlineData("10.0.0.99")]
    [InlineData("example.com")]
    [InlineData("web")]
    [InlineData("localhost")]
    public void Anything_else_matches_nothing(string host) => Assert.Empty(NodeMatcher.Match(All, new NodeTarget(host, 22, null)));

    [Theory]
    [InlineData("10.0.0.5:3022", "10.0.0.5", 3022)]
    [InlineData("[::1]:3022", "::1", 3022)]
    [InlineData("node.example.com:22", "node.example.com", 22)]
    public void Splits_advertised_addresses(string addr, string host, int port) => Assert.Equal((host, port), NodeMatcher.SplitAddr(addr));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10.0.0.5")]
    [InlineData(":22")]
    [InlineData("host:99999")]
    public void Refuses_what_is_not_an_address(string? addr) => Assert.Null(NodeMatcher.SplitAddr(addr));

    private static Server Node(string id, string hostname, string addr) =>
        new() { Metadata = new Metadata { Name = id }, Spec = new ServerSpec { Hostname = hostname, Addr = addr } };
}
