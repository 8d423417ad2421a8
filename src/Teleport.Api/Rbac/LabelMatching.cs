using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Teleport.Api.Types;

namespace Teleport.Api.Rbac;

/// <summary>
/// How a role's label selector (<c>node_labels</c>) matches a resource's labels, as Teleport does
/// it (lib/services/role.go MatchLabels, lib/utils SliceMatchesRegex):
/// <list type="bullet">
/// <item>an empty selector matches nothing;</item>
/// <item><c>'*': '*'</c> matches everything, even a resource without labels;</item>
/// <item>otherwise every key of the selector must be a label of the resource, and its value must
/// match one of the selector's values: <c>*</c> matches any value, <c>^...$</c> is a regular
/// expression (Go syntax), anything else is a glob where <c>*</c> stands for any text.</item>
/// </list>
/// </summary>
public static class LabelMatching
{
    public const string Wildcard = "*";

    private const int MaxCachedPatterns = 4096;
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="selector"/> matches <paramref name="labels"/>; <paramref name="reason"/> says why not.</summary>
    public static bool Matches(ValueMap<ValueList<string>> selector, IReadOnlyDictionary<string, string> labels, out string reason)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(labels);
        if (selector.IsEmpty)
        {
            reason = "no labels to match";
            return false;
        }

        if (selector.TryGetValue(Wildcard, out ValueList<string>? any) && any.Count == 1 && any[0] == Wildcard)
        {
            reason = "matched '*': '*'";
            return true;
        }

        foreach ((string key, ValueList<string> values) in selector)
        {
            if (!labels.TryGetValue(key, out string? value))
            {
                reason = $"the label {key} is missing";
                return false;
            }

            if (!values.Contains(Wildcard) && !MatchesAny(value, values))
            {
                reason = $"the label {key}={value} matches none of [{string.Join(", ", values)}]";
                return false;
            }
        }

        reason = "matched";
        return true;
    }

    /// <summary>Whether the value matches one of the patterns (globs, or <c>^regex$</c>); a pattern that is not a valid expression matches nothing.</summary>
    public static bool MatchesAny(string value, IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(patterns);
        foreach (string pattern in patterns)
        {
            if (TryCompile(pattern, out Regex? regex, out _) && regex.IsMatch(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Compiles a label pattern: <c>^...$</c> as a regular expression, anything else as a whole-value glob.</summary>
    internal static bool TryCompile(string pattern, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? problem)
    {
        bool isRegex = pattern.StartsWith('^') && pattern.EndsWith('$');
        string expression = isRegex ? pattern : "^" + Regex.Escape(pattern).Replace("\\*", "(.*)", StringComparison.Ordinal) + "$";
        return TryCompileRegex(expression, out regex, out problem);
    }

    /// <summary>
    /// Compiles a Go (RE2) regular expression. The non-backtracking engine accepts what RE2
    /// accepts (no backreferences, no lookaround) and runs in linear time, as RE2 does, so a
    /// role cannot make the Auth service spin.
    /// </summary>
    internal static bool TryCompileRegex(string expression, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? problem)
    {
        if (Compiled.TryGetValue(expression, out regex))
        {
            problem = null;
            return true;
        }

        try
        {
            // Go writes named groups (?P<name>...); .NET spells them (?<name>...).
            string dotnet = expression.Replace("(?P<", "(?<", StringComparison.Ordinal);
            regex = new Regex(dotnet, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            regex = null;
            problem = $"\"{expression}\" is not a valid regular expression: {e.Message}";
            return false;
        }
        catch (NotSupportedException e)
        {
            regex = null;
            problem = $"\"{expression}\" uses a construct Go's regular expressions lack: {e.Message}";
            return false;
        }

        if (Compiled.Count >= MaxCachedPatterns)
        {
            Compiled.Clear();
        }

        Compiled.TryAdd(expression, regex);
        problem = null;
        return true;
    }
}
