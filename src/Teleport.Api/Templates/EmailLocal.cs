using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;
using Teleport.Api.Types;

namespace Teleport.Api.Templates;

/// <summary><c>email.local(x)</c>: the local part of each address; an address that does not parse fails the template, as in Teleport.</summary>
internal sealed class EmailLocal(TemplateExpression argument) : TemplateExpression
{
    public override string Variable => argument.Variable;

    public override bool TryEvaluate(ValueMap<ValueList<string>> traits, [NotNullWhen(true)] out List<string>? values)
    {
        values = null;
        if (!argument.TryEvaluate(traits, out List<string>? inputs))
        {
            return false;
        }

        var locals = new List<string>(inputs.Count);
        foreach (string input in inputs)
        {
            if (!MailAddress.TryCreate(input, out MailAddress? address) || address.User.Length == 0)
            {
                return false;
            }

            locals.Add(address.User);
        }

        values = locals;
        return true;
    }
}
