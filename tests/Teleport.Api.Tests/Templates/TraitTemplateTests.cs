using Teleport.Api.Templates;
using Teleport.Api.Types;

namespace Teleport.Api.Tests.Templates;

/// <summary>Trait templates expand as Teleport's role templates do (docs: Role templates; lib/utils/parse).</summary>
public sealed class TraitTemplateTests
{
    private const string WindowsAccountName = "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname";

    private static readonly ValueMap<ValueList<string>> Traits = ValueMap.Of(
        ("logins", ["alice", "root"]),
        ("email", ["alice@example.com", "bob.smith@corp.example.com"]),
        ("env", ["staging", "prod"]),
        ("team", ["ops"]),
        ("empty", []),
        ("blank", [""]),
        (WindowsAccountName, ["alice.w"]),
        ("groups", ["g1", "g2"]),
        ("weird", ["not-an-email"]));

    public static TheoryData<string, string[]> Expansions => new()
    {
        { "root", ["root"] },
        { "", [] },
        { "a{b", ["a{b"] },
        { "{{internal.logins}}", ["alice", "root"] },
        { "{{ internal.logins }}", ["alice", "root"] },
        { "{{external.logins}}", ["alice", "root"] },
        { "{{external.team}}", ["ops"] },
        { "{{internal.kubernetes_groups}}", [] },
        { "{{external.missing}}", [] },
        { "{{external.empty}}", [] },
        { "{{external.blank}}", [] },
        { "prefix-{{external.team}}-suffix", ["prefix-ops-suffix"] },
        { "IAM#{{external.team}};", ["IAM#ops;"] },
        { "{{external[\"" + WindowsAccountName + "\"]}}", ["alice.w"] },
        { "{{external[`team`]}}", ["ops"] },
        { "{{email.local(external.email)}}", ["alice", "bob.smith"] },
        { "{{email.local(external.weird)}}", [] },
        { "{{email.local(external.missing)}}", [] },
        { "{{regexp.replace(external.env, \"^(staging)$\", \"$1\")}}", ["staging"] },
        { "{{regexp.replace(external.env, \"^st\", \"ST\")}}", ["STaging"] },
        { "{{regexp.replace(external.email, \"@.*$\", \"\")}}", ["alice", "bob.smith"] },
        { "{{regexp.replace(external.groups, `^g(\\d)$`, `group-$1`)}}", ["group-1", "group-2"] },
        { "{{regexp.replace(external.groups, \"^g(?P<n>\\\\d)$\", \"${n}\")}}", ["1", "2"] },
        { "{{regexp.replace(external.env, \"^none$\", \"x\")}}", [] },
        // regexp.replace drops values it does not match, so alice's address is gone before email.local.
        { "{{email.local(regexp.replace(external.email, \"corp\\\\.\", \"\"))}}", ["bob.smith"] },
        { "db-{{regexp.replace(external.env, \"^prod$\", \"production\")}}", ["db-production"] },
    };

    public static TheoryData<string, string> Invalid => new()
    {
        { "{{internal.logins", "uses template brackets" },
        { "internal.logins}}", "uses template brackets" },
        { "a}}b", "uses template brackets" },
        { "{{}}", "the template is empty" },
        { "{{ }}", "the template is empty" },
        { "{{foo.bar}}", "unsupported namespace \"foo\"" },
        { "{{internal.foo}}", "unsupported variable internal.foo" },
        { "{{email.remote(external.x)}}", "unsupported function email.remote()" },
        { "{{strings.upper(external.x)}}", "unsupported function strings.upper()" },
        { "{{regexp.replace(external.x, \"(\", \"y\")}}", "is not a valid regular expression" },
        { "{{regexp.replace(external.x, \"(a)\\\\1\", \"y\")}}", "regexp.replace:" },
        { "{{regexp.replace(external.x, \"a\")}}", "takes 3 arguments" },
        { "{{email.local(external.x, \"y\")}}", "takes 1 argument" },
        { "{{email.local(\"alice@example.com\")}}", "expected internal.name, external.name or a function" },
        { "{{external.x}}{{external.y}}", "unexpected" },
        { "{{external}}", "expected '.'" },
        { "{{external.}}", "expected a name after \"external.\"" },
        { "{{external[\"x]}}", "not closed" },
        { "{{external[\"x\\q\"]}}", "unknown escape" },
        { "{{external.x}} and {{external.y}}", "unexpected" },
        { "{{external.x y}}", "unexpected \"y\"" },
    };

    [Theory]
    [MemberData(nameof(Expansions))]
    public void Expands_with_the_users_traits(string text, string[] expected)
    {
        TraitTemplate template = TraitTemplate.Parse(text);
        Assert.Equal(expected, template.Expand(Traits));
        Assert.Equal(text, template.Text);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Refuses_malformed_templates_saying_why(string text, string problem)
    {
        Assert.False(TraitTemplate.TryParse(text, out _, out string? message));
        Assert.Contains(problem, message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => TraitTemplate.Parse(text));
        Assert.Empty(TraitTemplate.ExpandAll([text], Traits));
    }

    [Fact]
    public void Literals_and_variables_are_told_apart()
    {
        Assert.True(TraitTemplate.Parse("ubuntu").IsLiteral);
        TraitTemplate template = TraitTemplate.Parse("x-{{email.local(external.email)}}");
        Assert.False(template.IsLiteral);
        Assert.Equal("external.email", template.Variable);
        Assert.Equal("x-", template.Prefix);
    }

    [Fact]
    public void Expanding_a_list_drops_what_fails_and_keeps_first_occurrences_in_order()
    {
        ValueList<string> logins = TraitTemplate.ExpandAll(
            ["{{internal.logins}}", "root", "{{external.missing}}", "{{bad", "ubuntu", "{{external.team}}"], Traits);
        Assert.Equal(["alice", "root", "ubuntu", "ops"], logins);
    }

    [Fact]
    public void Applying_traits_to_a_role_expands_logins_and_label_selectors()
    {
        var role = new Role
        {
            Metadata = new Metadata { Name = "templated" },
            Spec = new RoleSpec
            {
                Allow = new RoleConditions
                {
                    Logins = ["{{internal.logins}}", "{{external.missing}}"],
                    KubernetesGroups = ["{{external.groups}}"],
                    NodeLabels = ValueMap.Of(
                        ("env", ["{{external.env}}"]),
                        ("{{external.team}}-owner", ["yes"]),
                        ("{{external.groups}}", ["dropped: the key names two labels"]),
                        ("{{external.missing}}", ["x"]),
                        ("tier", ["{{external.missing}}"])),
                },
                Deny = new RoleConditions { Logins = ["{{external.team}}"] },
            },
        };

        Role applied = role.ApplyTraits(Traits);
        Assert.Equal(["alice", "root"], applied.Spec.Allow.Logins);
        Assert.Equal(["g1", "g2"], applied.Spec.Allow.KubernetesGroups);
        Assert.Equal(["ops"], applied.Spec.Deny.Logins);
        Assert.Equal(ValueMap.Of(("env", ["staging", "prod"]), ("ops-owner", ["yes"]), ("", ["x"]), ("tier", [])), applied.Spec.Allow.NodeLabels);
    }
}
