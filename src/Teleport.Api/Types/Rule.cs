namespace Teleport.Api.Types;

/// <summary>
/// One entry of a role's <c>rules</c>: the Teleport <c>resources</c> (kinds such as <c>role</c>,
/// <c>user</c>, <c>token</c>, <c>session</c>, or <c>*</c>) and the <c>verbs</c> (<c>list</c>,
/// <c>create</c>, <c>read</c>, <c>update</c>, <c>delete</c>, or <c>*</c>) it covers, optionally
/// narrowed by a <c>where</c> predicate such as <c>contains(session.participants, user.metadata.name)</c>.
/// </summary>
public sealed record Rule
{
    public ValueList<string> Resources { get; init; } = ValueList<string>.Empty;

    public ValueList<string> Verbs { get; init; } = ValueList<string>.Empty;

    public string? Where { get; init; }

    public ValueList<string> Actions { get; init; } = ValueList<string>.Empty;

    internal void Validate(string path)
    {
        if (Resources.IsEmpty)
        {
            throw new ResourceValidationException($"{path}.resources", "a rule needs at least one resource (use '*' for every resource)");
        }

        if (Verbs.IsEmpty)
        {
            throw new ResourceValidationException($"{path}.verbs", "a rule needs at least one verb (use '*' for every verb)");
        }

        ResourceChecks.CheckNotEmpty($"{path}.resources", Resources, "a resource");
        ResourceChecks.CheckNotEmpty($"{path}.verbs", Verbs, "a verb");
    }
}
