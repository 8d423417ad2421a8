using Teleport.Api.Rbac;
using Teleport.Api.Types;
using static Teleport.Api.Tests.Rbac.RoleBuilder;

namespace Teleport.Api.Tests.Rbac;

/// <summary>Seeing nodes (<c>tsh ls</c>), managing resources (<c>rules</c>) and certificate principals.</summary>
public sealed class NodeAndRuleAccessTests
{
    public static TheoryData<string, Roles, string, bool> Nodes => new()
    {
        { "allow labels show the node", [Allow("dev", [], "env=dev")], "env=dev", true },
        { "other nodes stay hidden", [Allow("dev", [], "env=dev")], "env=prod", false },
        { "a deny label hides the node", [Allow("all", ["ubuntu"], "*=*"), Deny("no-prod", [], "env=prod")], "env=prod", false },
        { "a deny login does not hide the node", [Allow("all", ["root"], "*=*"), Deny("no-root", ["root"], "")], "env=prod", true },
        { "no roles see nothing", [], "env=dev", false },
    };

    /// <summary>Case name, roles, resource, verb, allowed.</summary>
    public static TheoryData<string, Roles, string, string, bool> Rules => new()
    {
        { "editor creates roles", [PresetRoles.Editor()], "role", "create", true },
        { "editor deletes tokens", [PresetRoles.Editor()], "token", "delete", true },
        { "editor lists users", [PresetRoles.Editor()], "user", "list", true },
        { "editor reads cluster_name", [PresetRoles.Editor()], "cluster_name", "read", true },
        { "editor cannot read the audit log", [PresetRoles.Editor()], "event", "list", false },
        { "auditor reads events", [PresetRoles.Auditor()], "event", "list", true },
        { "auditor replays sessions", [PresetRoles.Auditor()], "session", "read", true },
        { "auditor cannot create roles", [PresetRoles.Auditor()], "role", "create", false },
        { "access reads events", [PresetRoles.Access()], "event", "read", true },
        { "access cannot edit users", [PresetRoles.Access()], "user", "update", false },
        { "wildcard resource", [WithRules("admin", [new Rule { Resources = ["*"], Verbs = ["read"] }])], "cert_authority", "read", true },
        { "wildcard verb", [WithRules("admin", [new Rule { Resources = ["role"], Verbs = ["*"] }])], "role", "delete", true },
        { "read implies readnosecrets", [WithRules("ca", [new Rule { Resources = ["cert_authority"], Verbs = ["read"] }])], "cert_authority", "readnosecrets", true },
        { "readnosecrets does not imply read", [WithRules("ca", [new Rule { Resources = ["cert_authority"], Verbs = ["readnosecrets"] }])], "cert_authority", "read", false },
        { "deny rule wins", [PresetRoles.Editor(), WithRules("no-roles", [], [new Rule { Resources = ["role"], Verbs = ["create", "update"] }])], "role", "create", false },
        { "deny rule leaves other verbs", [PresetRoles.Editor(), WithRules("no-roles", [], [new Rule { Resources = ["role"], Verbs = ["create", "update"] }])], "role", "read", true },
        { "deny wildcard", [PresetRoles.Editor(), WithRules("read-only", [], [new Rule { Resources = ["*"], Verbs = ["create", "update", "delete"] }])], "user", "delete", false },
        { "allow with an unevaluated where does not grant", [WithRules("own", [new Rule { Resources = ["session"], Verbs = ["read"], Where = "contains(session.participants, user.metadata.name)" }])], "session", "read", false },
        { "deny with an unevaluated where denies", [WithRules("all", [new Rule { Resources = ["session"], Verbs = ["*"] }], [new Rule { Resources = ["session"], Verbs = ["read"], Where = "!contains(session.participants, user.metadata.name)" }])], "session", "read", false },
    };

    [Theory]
    [MemberData(nameof(Nodes))]
    public void Node_visibility(string name, Roles roles, string nodeLabels, bool visible) =>
        Assert.True(visible == new AccessChecker(roles, Traits("")).CanAccessNode(Labels(nodeLabels)).IsAllowed, name);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Resource_rules(string name, Roles roles, string resource, string verb, bool allowed)
    {
        AccessDecision decision = new AccessChecker(roles, Traits("")).CheckAccessToRule(resource, verb);
        Assert.True(allowed == decision.IsAllowed, $"{name}: {decision}");
    }

    [Fact]
    public void Where_clauses_count_through_the_callers_evaluator()
    {
        Role own = WithRules("own", [new Rule { Resources = ["session"], Verbs = ["read"], Where = "contains(session.participants, user.metadata.name)" }]);
        var checker = new AccessChecker([own], Traits(""));
        Assert.True(checker.CheckAccessToRule("session", "read", where => where.StartsWith("contains", StringComparison.Ordinal)).IsAllowed);
        Assert.False(checker.CheckAccessToRule("session", "read", _ => false).IsAllowed);
    }

    [Fact]
    public void Rule_refusals_use_Teleports_wording()
    {
        var checker = new AccessChecker([PresetRoles.Auditor(), WithRules("no-events", [], [new Rule { Resources = ["event"], Verbs = ["list"] }])], Traits(""));
        Assert.Equal("access denied to perform action \"create\" on \"role\": no role allows it", checker.CheckAccessToRule("role", "create").Reason);
        Assert.Equal("access denied to perform action \"list\" on \"event\": role no-events denies it", checker.CheckAccessToRule("event", "list").Reason);
    }

    [Fact]
    public void Certificate_principals_are_the_logins_of_roles_whose_ttl_admits_the_certificate()
    {
        var checker = new AccessChecker(
        [
            Allow("short", ["ops"], "*=*", new RoleOptions { MaxSessionTtl = Duration.FromHours(1) }),
            Allow("long", ["{{internal.logins}}", "ubuntu"], "*=*", new RoleOptions { MaxSessionTtl = Duration.FromHours(12) }),
        ], Traits("logins=alice"));

        Assert.Equal(["ops", "alice", "ubuntu"], checker.AllowedLogins);
        Assert.Equal(["alice", "ubuntu"], checker.GetLoginsForTtl(Duration.FromHours(8), out bool matched));
        Assert.True(matched);
        Assert.Empty(checker.GetLoginsForTtl(Duration.FromHours(13), out matched));
        Assert.False(matched);
        Assert.False(checker.CheckLoginDuration(Duration.FromHours(13), out _).IsAllowed);
        Assert.True(checker.CheckLoginDuration(Duration.FromMinutes(30), out ValueList<string> principals).IsAllowed);
        Assert.Equal(["ops", "alice", "ubuntu"], principals);
        Assert.Equal(Duration.FromHours(1), checker.AdjustSessionTtl(Duration.FromHours(12)));
    }

    [Fact]
    public void A_user_without_any_login_gets_a_principal_no_node_accepts()
    {
        var checker = new AccessChecker([PresetRoles.Editor()], Traits(""));
        Assert.True(checker.CheckLoginDuration(Duration.FromHours(12), out ValueList<string> principals).IsAllowed);
        Assert.StartsWith(AccessChecker.NoLoginPrefix, Assert.Single(principals), StringComparison.Ordinal);

        // Templates are expanded first: access without a logins trait grants no login either.
        Assert.True(new AccessChecker([PresetRoles.Access()], Traits("")).CheckLoginDuration(Duration.FromHours(12), out principals).IsAllowed);
        Assert.StartsWith(AccessChecker.NoLoginPrefix, Assert.Single(principals), StringComparison.Ordinal);

        // Logins exist, but only in roles that do not admit the lifetime: refused, as in Teleport.
        var checker2 = new AccessChecker(
            [Allow("short", ["ops"], "*=*", new RoleOptions { MaxSessionTtl = Duration.FromHours(1) }), Allow("long", [], "*=*", new RoleOptions { MaxSessionTtl = Duration.FromHours(12) })],
            Traits(""));
        Assert.Equal("access denied: this user cannot create SSH sessions, has no allowed logins", checker2.CheckLoginDuration(Duration.FromHours(8), out _).Reason);
    }

    [Fact]
    public void Agent_forwarding_needs_a_role_with_both_the_option_and_the_login()
    {
        var checker = new AccessChecker(
            [Allow("fwd", ["deploy"], "*=*", new RoleOptions { ForwardAgent = true }), Allow("plain", ["root"], "*=*")], Traits(""));
        Assert.True(checker.CheckAgentForward("deploy").IsAllowed);
        Assert.False(checker.CheckAgentForward("root").IsAllowed);
    }
}
