using System.Diagnostics.CodeAnalysis;
using Teleport.Api.Types;

namespace Teleport.Api.Templates;

/// <summary>The expression between a template's braces: a trait variable or a function of one.</summary>
internal abstract class TemplateExpression
{
    /// <summary>The trait variable at the bottom of the expression, e.g. <c>external.email</c>.</summary>
    public abstract string Variable { get; }

    /// <summary>The values, or false when the trait is missing or a function fails (the caller drops the template).</summary>
    public abstract bool TryEvaluate(ValueMap<ValueList<string>> traits, [NotNullWhen(true)] out List<string>? values);
}
