namespace Teleport.Api.Types;

/// <summary>An entry of <c>kubernetes_resources</c>: a <c>kind</c>, <c>namespace</c> and <c>name</c> (wildcards allowed) and the <c>verbs</c> allowed on it.</summary>
public sealed record KubernetesResource
{
    public string? Kind { get; init; }

    public string? Namespace { get; init; }

    public string? Name { get; init; }

    public ValueList<string> Verbs { get; init; } = ValueList<string>.Empty;
}
