using System.Text.RegularExpressions;
using Teleport.Api.Types;

namespace Teleport.Api.Tests.Rbac;

/// <summary>Short constructors for the roles, labels and traits of the RBAC tables.</summary>
internal static class RoleBuilder
{
    /// <summary>A role allowing <paramref name="logins"/> on nodes matching <paramref name="nodeLabels"/> ("env=prod,region=us|eu").</summary>
    public static Role Allow(string name, string[] logins, string nodeLabels, RoleOptions? options = null) => new()
    {
        Metadata = new Metadata { Name = name },
        Spec = new RoleSpec
        {
            Options = options ?? new RoleOptions(),
            Allow = new RoleConditions { Logins = ValueList.Create<string>(logins), NodeLabels = Selector(nodeLabels) },
        },
    };

    public static Role Deny(string name, string[] logins, string nodeLabels) => new()
    {
        Metadata = new Metadata { Name = name },
        Spec = new RoleSpec { Deny = new RoleConditions { Logins = ValueList.Create<string>(logins), NodeLabels = Selector(nodeLabels) } },
    };

    public static Role WithOptions(string name, RoleOptions options) => new() { Metadata = new Metadata { Name = name }, Spec = new RoleSpec { Options = options } };

    public static Role WithRules(string name, Rule[] allow, Rule[]? deny = null) => new()
    {
        Metadata = new Metadata { Name = name },
        Spec = new RoleSpec
        {
            Allow = new RoleConditions { Rules = ValueList.Create<Rule>(allow) },
            Deny = new RoleConditions { Rules = ValueList.Create<Rule>(deny ?? []) },
        },
    };

    /// <summary>"env=prod|staging,region=^us-.*$"; values separated by '|' form a list; a comma not followed by "key=" belongs to the value.</summary>
    public static ValueMap<ValueList<string>> Selector(string text) =>
        ValueMap.Create<ValueList<string>>([.. Pairs(text).Select(pair => new KeyValuePair<string, ValueList<string>>(pair.Key, ValueList.Create<string>(Values(pair.Value))))]);

    /// <summary>'|' separates the values of a list, except in a regular expression (^...$), where it is alternation.</summary>
    private static string[] Values(string text) => text.StartsWith('^') && text.EndsWith('$') ? [text] : text.Split('|');

    /// <summary>"env=prod,role=web" as a node's labels.</summary>
    public static ValueMap<string> Labels(string text) => ValueMap.Create<string>([.. Pairs(text)]);

    public static ValueMap<ValueList<string>> Traits(string text) => Selector(text);

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string text) =>
        text.Length == 0
            ? []
            : Regex.Split(text, ",(?=[^,=]+=)", RegexOptions.None, TimeSpan.FromSeconds(1))
                .Select(pair => pair.Split('=', 2))
                .Select(parts => new KeyValuePair<string, string>(parts[0], parts[1]));
}
