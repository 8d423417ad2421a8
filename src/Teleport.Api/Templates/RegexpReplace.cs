using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Teleport.Api.Types;

namespace Teleport.Api.Templates;

/// <summary>
/// <c>regexp.replace(x, "expression", "replacement")</c>: each value the expression matches, with
/// every match replaced (<c>$1</c> names a group); values it does not match are dropped.
/// </summary>
internal sealed class RegexpReplace(TemplateExpression argument, Regex expression, string replacement) : TemplateExpression
{
    public override string Variable => argument.Variable;

    public override bool TryEvaluate(ValueMap<ValueList<string>> traits, [NotNullWhen(true)] out List<string>? values)
    {
        values = null;
        if (!argument.TryEvaluate(traits, out List<string>? inputs))
        {
            return false;
        }

        values = [];
        foreach (string input in inputs)
        {
            if (expression.IsMatch(input))
            {
                values.Add(expression.Replace(input, replacement));
            }
        }

        return true;
    }
}
