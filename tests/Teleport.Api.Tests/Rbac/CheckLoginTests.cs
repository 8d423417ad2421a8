using Teleport.Api.Rbac;
using Teleport.Api.Types;
using static Teleport.Api.Tests.Rbac.RoleBuilder;

namespace Teleport.Api.Tests.Rbac;

/// <summary>
/// Which login on which node, table by table (docs: RBAC for infrastructure resources, label
/// matching; lib/services/role.go checkAccess): deny first and greedy, allow needs one role to
/// match both the node's labels and the login.
/// </summary>
public sealed class CheckLoginTests
{
    private static readonly string[] Ubuntu = ["ubuntu"];

    /// <summary>Case name, roles, traits, node labels, login, allowed.</summary>
    public static TheoryData<string, Roles, string, string, string, bool> Labels => new()
    {
        { "exact label", [Allow("dev", Ubuntu, "env=dev")], "", "env=dev", "ubuntu", true },
        { "exact label, other value", [Allow("dev", Ubuntu, "env=dev")], "", "env=prod", "ubuntu", false },
        { "exact label, key missing", [Allow("dev", Ubuntu, "env=dev")], "", "role=web", "ubuntu", false },
        { "label values compare case-sensitively", [Allow("dev", Ubuntu, "env=dev")], "", "env=Dev", "ubuntu", false },
        { "'*': '*' matches a node without labels", [Allow("all", Ubuntu, "*=*")], "", "", "ubuntu", true },
        { "'*': '*' matches any node", [Allow("all", Ubuntu, "*=*")], "", "env=prod,role=db", "ubuntu", true },
        { "value '*' needs the key", [Allow("any-env", Ubuntu, "env=*")], "", "env=whatever", "ubuntu", true },
        { "value '*' without the key", [Allow("any-env", Ubuntu, "env=*")], "", "role=web", "ubuntu", false },
        { "list of values, second", [Allow("pre", Ubuntu, "env=dev|staging")], "", "env=staging", "ubuntu", true },
        { "list of values, none", [Allow("pre", Ubuntu, "env=dev|staging")], "", "env=prod", "ubuntu", false },
        { "regex", [Allow("us", Ubuntu, "region=^us-(east|west)-[0-9]$")], "", "region=us-west-2", "ubuntu", true },
        { "regex, no match", [Allow("us", Ubuntu, "region=^us-(east|west)-[0-9]$")], "", "region=eu-west-1", "ubuntu", false },
        { "regex alternation binds loosely", [Allow("reg", Ubuntu, "reg=^us-west-1|eu-central-1$")], "", "reg=us-west-1-extra", "ubuntu", true },
        { "glob", [Allow("web", Ubuntu, "host=web-*")], "", "host=web-01", "ubuntu", true },
        { "glob, no match", [Allow("web", Ubuntu, "host=web-*")], "", "host=db-01", "ubuntu", false },
        { "glob matches the whole value", [Allow("web", Ubuntu, "host=web-*")], "", "host=old-web-01", "ubuntu", false },
        { "glob treats dots literally", [Allow("dot", Ubuntu, "host=a.b")], "", "host=axb", "ubuntu", false },
        { "every key must match", [Allow("us-prod", Ubuntu, "env=prod,region=us")], "", "env=prod,region=eu", "ubuntu", false },
        { "every key matches", [Allow("us-prod", Ubuntu, "env=prod,region=us")], "", "env=prod,region=us,role=web", "ubuntu", true },
        { "no node_labels match nothing", [Allow("nolabels", Ubuntu, "")], "", "env=dev", "ubuntu", false },
        { "an invalid regex matches nothing", [Allow("bad", Ubuntu, "env=^(dev$")], "", "env=dev", "ubuntu", false },
    };

    public static TheoryData<string, Roles, string, string, string, bool> Logins => new()
    {
        { "login listed", [Allow("dev", ["ubuntu", "deploy"], "*=*")], "", "env=dev", "deploy", true },
        { "login not listed", [Allow("dev", Ubuntu, "*=*")], "", "env=dev", "root", false },
        { "logins compare case-sensitively", [Allow("dev", ["root"], "*=*")], "", "", "Root", false },
        { "no roles", [], "", "env=dev", "ubuntu", false },
        { "one role must allow both the login and the node", [Allow("dev", Ubuntu, "env=dev"), Allow("prod", ["root"], "env=prod")], "", "env=dev", "root", false },
        { "the other role allows both", [Allow("dev", Ubuntu, "env=dev"), Allow("prod", ["root"], "env=prod")], "", "env=prod", "root", true },
        { "a role without logins grants none", [Allow("viewer", [], "*=*")], "", "env=dev", "ubuntu", false },
    };

    public static TheoryData<string, Roles, string, string, string, bool> Deny => new()
    {
        { "deny login wins over allow", [Allow("admin", ["root"], "*=*"), Deny("no-root", ["root"], "")], "", "env=dev", "root", false },
        { "deny login leaves other logins", [Allow("admin", ["root", "ubuntu"], "*=*"), Deny("no-root", ["root"], "")], "", "env=dev", "ubuntu", true },
        { "deny labels deny every login", [Allow("admin", ["root", "ubuntu"], "*=*"), Deny("no-prod", [], "env=prod")], "", "env=prod", "ubuntu", false },
        { "deny labels spare other nodes", [Allow("admin", Ubuntu, "*=*"), Deny("no-prod", [], "env=prod")], "", "env=dev", "ubuntu", true },
        { "deny label lists match any value", [Allow("admin", Ubuntu, "*=*"), Deny("no-data", [], "workload=database|backup")], "", "workload=backup", "ubuntu", false },
        { "deny labels need every key", [Allow("admin", Ubuntu, "*=*"), Deny("no-prod-db", [], "env=prod,team=db")], "", "env=prod,team=web", "ubuntu", true },
        { "deny labels with every key", [Allow("admin", Ubuntu, "*=*"), Deny("no-prod-db", [], "env=prod,team=db")], "", "env=prod,team=db", "ubuntu", false },
        { "deny '*': '*' denies everything", [Allow("admin", Ubuntu, "*=*"), Deny("lockdown", [], "*=*")], "", "", "ubuntu", false },
        { "deny regex", [Allow("admin", Ubuntu, "*=*"), Deny("no-eu", [], "region=^eu-.*$")], "", "region=eu-west-1", "ubuntu", false },
        { "deny in the same role", [new Role { Metadata = new Metadata { Name = "self" }, Spec = new RoleSpec { Allow = new RoleConditions { Logins = ["root"], NodeLabels = Selector("*=*") }, Deny = new RoleConditions { Logins = ["root"] } } }], "", "", "root", false },
    };

    public static TheoryData<string, Roles, string, string, string, bool> Expressions => new()
    {
        { "an allow label expression is not evaluated: no match", [Allow("expr", Ubuntu, "*=*") with { Spec = new RoleSpec { Allow = new RoleConditions { Logins = ["ubuntu"], NodeLabels = Selector("*=*"), NodeLabelsExpression = "labels[\"env\"] == \"dev\"" } } }], "", "env=dev", "ubuntu", false },
        { "a deny label expression is not evaluated: deny", [Allow("all", Ubuntu, "*=*"), new Role { Metadata = new Metadata { Name = "deny-expr" }, Spec = new RoleSpec { Deny = new RoleConditions { NodeLabelsExpression = "labels[\"env\"] == \"prod\"" } } }], "", "env=dev", "ubuntu", false },
    };

    public static TheoryData<string, Roles, string, string, string, bool> Traits => new()
    {
        { "internal.logins", [Allow("access", ["{{internal.logins}}"], "*=*")], "logins=alice|bob", "", "bob", true },
        { "internal.logins, not the user's", [Allow("access", ["{{internal.logins}}"], "*=*")], "logins=alice|bob", "", "root", false },
        { "missing trait grants nothing", [Allow("access", ["{{external.missing}}"], "*=*")], "logins=alice", "", "alice", false },
        { "missing trait drops only its value", [Allow("access", ["{{external.missing}}", "ubuntu"], "*=*")], "", "", "ubuntu", true },
        { "email.local", [Allow("sso", ["{{email.local(external.email)}}"], "*=*")], "email=alice@example.com", "", "alice", true },
        { "prefixed template", [Allow("sso", ["u-{{external.username}}"], "*=*")], "username=alice", "", "u-alice", true },
        { "trait in a label value", [Allow("team", Ubuntu, "env={{external.env}}")], "env=staging|dev", "env=dev", "ubuntu", true },
        { "trait in a label value, not the user's", [Allow("team", Ubuntu, "env={{external.env}}")], "env=staging|dev", "env=prod", "ubuntu", false },
        { "missing trait in a label value matches nothing", [Allow("team", Ubuntu, "env={{external.env}}")], "", "env=prod", "ubuntu", false },
        { "trait in a label key", [Allow("owner", Ubuntu, "{{external.team}}-owner=yes")], "team=ops", "ops-owner=yes", "ubuntu", true },
        { "regexp.replace in a label value", [Allow("stage", Ubuntu, "env={{regexp.replace(external.group, \"^env-(.*)$\", \"$1\")}}")], "group=env-qa|admins", "env=qa", "ubuntu", true },
        { "trait in a deny login", [Allow("admin", ["root", "alice"], "*=*"), Deny("banned", ["{{external.banned}}"], "")], "banned=alice", "", "alice", false },
        { "missing trait in a deny label denies nothing", [Allow("admin", Ubuntu, "*=*"), Deny("team", [], "team={{external.team}}")], "", "team=ops", "ubuntu", true },
    };

    public static TheoryData<string, Roles, string, string, string, bool> Presets => new()
    {
        { "access: own logins everywhere", [PresetRoles.Access()], "logins=alice", "env=prod", "alice", true },
        { "access: not root unless a trait says so", [PresetRoles.Access()], "logins=alice", "env=prod", "root", false },
        { "editor: no logins", [PresetRoles.Editor()], "logins=alice", "env=prod", "alice", false },
        { "auditor: no logins", [PresetRoles.Auditor()], "logins=alice", "env=prod", "alice", false },
    };

    [Theory]
    [MemberData(nameof(Labels))]
    [MemberData(nameof(Logins))]
    [MemberData(nameof(Deny))]
    [MemberData(nameof(Traits))]
    [MemberData(nameof(Expressions))]
    [MemberData(nameof(Presets))]
    public void Decides_like_Teleport(string name, Roles roles, string traits, string nodeLabels, string login, bool allowed)
    {
        AccessDecision decision = new AccessChecker(roles, Traits(traits)).CheckLogin(Labels(nodeLabels), login);
        Assert.True(allowed == decision.IsAllowed, $"{name}: {decision}");
    }

    [Fact]
    public void A_refused_login_says_which_role_does_not_allow_it()
    {
        var checker = new AccessChecker([PresetRoles.Access()], Traits("logins=alice"));
        AccessDecision decision = checker.CheckLogin(Labels("env=prod"), "root");
        Assert.Equal("access denied: role access does not allow login root on this node", decision.Reason);
        Assert.Equal(["role access: logins are alice"], decision.Details);
    }

    [Fact]
    public void A_refusal_by_several_roles_names_them_all_and_why_each()
    {
        var checker = new AccessChecker([Allow("dev", Ubuntu, "env=dev"), Allow("prod", ["root"], "env=prod")], Traits(""));
        AccessDecision decision = checker.CheckLogin(Labels("env=dev"), "root");
        Assert.Equal("access denied: roles dev, prod do not allow login root on this node", decision.Reason);
        Assert.Equal(["role dev: logins are ubuntu", "role prod: node_labels do not match (the label env=dev matches none of [prod])"], decision.Details);
    }

    [Fact]
    public void Deny_reasons_name_the_denying_role()
    {
        var checker = new AccessChecker([Allow("admin", ["root"], "*=*"), Deny("no-root", ["root"], ""), Deny("no-prod", [], "env=prod")], Traits(""));
        Assert.Equal("access denied: role no-root denies login root", checker.CheckLogin(Labels("env=dev"), "root").Reason);
        Assert.Equal("access denied: role no-prod denies access to this node", checker.CheckLogin(Labels("env=prod"), "admin").Reason);
        Assert.Equal("login root allowed by role admin", new AccessChecker([Allow("admin", ["root"], "*=*")], Traits("")).CheckLogin(Labels(""), "root").Reason);
    }

    [Fact]
    public void A_node_resource_is_checked_with_its_command_labels()
    {
        var node = new Server
        {
            Metadata = new Metadata { Name = "uuid", Labels = [new("env", "dev")] },
            Spec = new ServerSpec { CmdLabels = [new("env", new CommandLabel { Command = ["echo"], Result = "prod" })] },
        };
        var checker = new AccessChecker([Allow("dev", Ubuntu, "env=dev"), Allow("prod", ["root"], "env=prod")], Traits(""));
        Assert.False(checker.CheckLogin(node, "ubuntu").IsAllowed);
        Assert.True(checker.CheckLogin(node, "root").IsAllowed);
    }
}
