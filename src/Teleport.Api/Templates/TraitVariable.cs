using System.Diagnostics.CodeAnalysis;
using Teleport.Api.Types;

namespace Teleport.Api.Templates;

/// <summary><c>internal.name</c> or <c>external["name"]</c>: the values of trait <c>name</c>.</summary>
internal sealed class TraitVariable(string traitNamespace, string name) : TemplateExpression
{
    public override string Variable => $"{traitNamespace}.{name}";

    public override bool TryEvaluate(ValueMap<ValueList<string>> traits, [NotNullWhen(true)] out List<string>? values)
    {
        if (traits.TryGetValue(name, out ValueList<string>? found))
        {
            values = [.. found];
            return true;
        }

        values = null;
        return false;
    }
}
