using System.Diagnostics.CodeAnalysis;
using Teleport.Api.Types;

namespace Teleport.Api.Templates;

/// <summary>
/// A role value that may refer to the user's traits: <c>{{internal.logins}}</c>,
/// <c>{{external.groups}}</c>, <c>{{external["http://schemas..."]}}</c>, with the functions
/// <c>{{email.local(external.email)}}</c> and
/// <c>{{regexp.replace(external.env, "^(staging)$", "$1")}}</c>, and literal text before and after
/// the braces (<c>IAM#{{external.foo}};</c>). A value without braces is a literal. See
/// https://goteleport.com/docs/reference/access-controls/roles/#role-templates.
/// </summary>
/// <remarks>
/// Expansion follows Teleport (lib/utils/parse, lib/services/role.go ApplyTraits): every trait
/// value gives one result, empty results are dropped, a missing trait or a failing function drops
/// the whole value, so <c>logins: ['{{external.missing}}']</c> grants nothing rather than failing.
/// </remarks>
public sealed class TraitTemplate
{
    /// <summary>The trait names the <c>internal</c> namespace knows; Teleport refuses others.</summary>
    public static IReadOnlyList<string> InternalTraits { get; } =
    [
        "logins", "windows_logins", "kubernetes_groups", "kubernetes_users", "db_names", "db_users",
        "db_roles", "aws_role_arns", "azure_identities", "gcp_service_accounts", "jwt",
    ];

    private readonly TemplateExpression? _expression;

    private TraitTemplate(string text, string prefix, TemplateExpression? expression, string suffix)
    {
        Text = text;
        Prefix = prefix;
        _expression = expression;
        Suffix = suffix;
    }

    /// <summary>The value as written.</summary>
    public string Text { get; }

    /// <summary>Text before <c>{{</c>; the whole value for a literal.</summary>
    public string Prefix { get; }

    public string Suffix { get; }

    /// <summary>Whether the value has no <c>{{...}}</c> and stands for itself.</summary>
    public bool IsLiteral => _expression is null;

    /// <summary>The trait the expression reads, e.g. <c>internal.logins</c>; null for a literal.</summary>
    public string? Variable => _expression?.Variable;

    /// <summary>Parses a value; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static TraitTemplate Parse(string text) =>
        TryParse(text, out TraitTemplate? template, out string? problem) ? template : throw new FormatException(problem);

    public static bool TryParse(string text, [NotNullWhen(true)] out TraitTemplate? template, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        template = null;
        int firstBrace = text.AsSpan().IndexOfAny('{', '}');
        if (firstBrace < 0)
        {
            template = new TraitTemplate(text, text, null, string.Empty);
            problem = null;
            return true;
        }

        // Teleport's shape is prefix{{expression}}suffix with no braces in prefix or suffix
        // (lib/utils/parse: reVariable); a stray single brace elsewhere leaves a literal.
        int lastBrace = text.AsSpan().LastIndexOfAny('{', '}');
        bool shaped = text.AsSpan(firstBrace).StartsWith("{{", StringComparison.Ordinal)
            && lastBrace >= firstBrace + 3
            && text[lastBrace] == '}' && text[lastBrace - 1] == '}';
        if (!shaped)
        {
            if (text.Contains("{{", StringComparison.Ordinal) || text.Contains("}}", StringComparison.Ordinal))
            {
                problem = $"\"{text}\" uses template brackets '{{{{' or '}}}}' but is not a template: write {{{{internal.name}}}} or {{{{external.name}}}}";
                return false;
            }

            template = new TraitTemplate(text, text, null, string.Empty);
            problem = null;
            return true;
        }

        string inner = text[(firstBrace + 2)..(lastBrace - 1)];
        if (!TemplateParser.TryParse(inner, out TemplateExpression? expression, out string? innerProblem))
        {
            problem = $"\"{text}\": {innerProblem}";
            return false;
        }

        template = new TraitTemplate(text, text[..firstBrace], expression, text[(lastBrace + 1)..]);
        problem = null;
        return true;
    }

    /// <summary>
    /// The values this template stands for given the user's traits (trait name to values; both
    /// <c>internal.x</c> and <c>external.x</c> read trait <c>x</c>). Empty when the trait is
    /// missing, has no values, or the function drops them all.
    /// </summary>
    public ValueList<string> Expand(ValueMap<ValueList<string>> traits)
    {
        ArgumentNullException.ThrowIfNull(traits);
        if (_expression is null)
        {
            return Prefix.Length == 0 ? ValueList<string>.Empty : [Prefix];
        }

        if (!_expression.TryEvaluate(traits, out List<string>? values))
        {
            return ValueList<string>.Empty;
        }

        var results = new List<string>(values.Count);
        foreach (string value in values)
        {
            if (value.Length > 0)
            {
                results.Add(Prefix + value + Suffix);
            }
        }

        return ValueList.From(results);
    }

    /// <summary>
    /// Expands each value and joins the results without duplicates, in order; values that do not
    /// parse or expand to nothing are dropped (Teleport's applyValueTraitsSlice).
    /// </summary>
    public static ValueList<string> ExpandAll(IEnumerable<string> values, ValueMap<ValueList<string>> traits)
    {
        ArgumentNullException.ThrowIfNull(values);
        var results = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string value in values)
        {
            if (!TryParse(value, out TraitTemplate? template, out _))
            {
                continue;
            }

            foreach (string expanded in template.Expand(traits))
            {
                if (seen.Add(expanded))
                {
                    results.Add(expanded);
                }
            }
        }

        return ValueList.From(results);
    }

    public override string ToString() => Text;
}
