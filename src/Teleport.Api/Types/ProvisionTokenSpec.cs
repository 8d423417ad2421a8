namespace Teleport.Api.Types;

/// <summary>The <c>spec</c> of a <see cref="ProvisionToken"/>.</summary>
public sealed record ProvisionTokenSpec
{
    /// <summary>System roles granted to the joining service, spelled as Teleport does (<c>Node</c>, <c>Proxy</c>); reading accepts any case.</summary>
    public ValueList<string> Roles { get; init; } = ValueList<string>.Empty;

    /// <summary>How the joining service proves itself; unset means <c>token</c>.</summary>
    public string? JoinMethod { get; init; }

    /// <summary>For the <c>ec2</c> and <c>iam</c> join methods: who may join.</summary>
    public ValueList<TokenRule> Allow { get; init; } = ValueList<TokenRule>.Empty;

    public Duration AwsIidTtl { get; init; }

    public string? BotName { get; init; }

    /// <summary>Labels the join script writes into a joining node's configuration.</summary>
    public ValueMap<ValueList<string>> SuggestedLabels { get; init; } = ValueMap<ValueList<string>>.Empty;

    public ValueMap<ValueList<string>> SuggestedAgentMatcherLabels { get; init; } = ValueMap<ValueList<string>>.Empty;
}
