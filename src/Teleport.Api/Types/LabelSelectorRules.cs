using Teleport.Api.Rbac;
using Teleport.Api.Templates;

namespace Teleport.Api.Types;

/// <summary>
/// Checks a label selector (<c>node_labels</c> and the other <c>*_labels</c>): keys and values
/// may be trait templates, <c>'*'</c> as a key only with the value <c>'*'</c> (Teleport refuses
/// "selector *:&lt;val&gt; is not supported"), and a value written <c>^...$</c> must be a valid
/// regular expression.
/// </summary>
internal static class LabelSelectorRules
{
    public static void Validate(string path, ValueMap<ValueList<string>> labels)
    {
        foreach ((string key, ValueList<string> values) in labels)
        {
            string keyPath = path + FieldPaths.Key(key);
            if (key.Length == 0)
            {
                throw new ResourceValidationException(path, "a label name must not be empty");
            }

            if (!TraitTemplate.TryParse(key, out _, out string? keyProblem))
            {
                throw new ResourceValidationException(keyPath, keyProblem);
            }

            if (key == LabelMatching.Wildcard && (values.Count != 1 || values[0] != LabelMatching.Wildcard))
            {
                throw new ResourceValidationException(keyPath, "selector *:<value> is not supported, only '*': '*' matches every label");
            }

            for (int i = 0; i < values.Count; i++)
            {
                string valuePath = values.Count == 1 ? keyPath : $"{keyPath}[{i}]";
                if (!TraitTemplate.TryParse(values[i], out TraitTemplate? template, out string? valueProblem))
                {
                    throw new ResourceValidationException(valuePath, valueProblem);
                }

                if (template.IsLiteral && !LabelMatching.TryCompile(values[i], out _, out string? regexProblem))
                {
                    throw new ResourceValidationException(valuePath, regexProblem);
                }
            }
        }
    }
}
