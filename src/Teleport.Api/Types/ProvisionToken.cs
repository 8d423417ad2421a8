namespace Teleport.Api.Types;

/// <summary>
/// A provision <c>token</c> (v2): the secret a Teleport service presents to join the cluster.
/// <c>metadata.name</c> is the token itself, <c>metadata.expires</c> when it stops working,
/// <c>spec.roles</c> the system roles it grants (<c>Node</c>, <c>Proxy</c>, ...) and
/// <c>spec.join_method</c> how the joining service proves itself (<c>token</c>: by knowing the
/// name). See https://goteleport.com/docs/reference/join-methods/ and <c>tctl tokens add</c>.
/// </summary>
public sealed record ProvisionToken : IResource
{
    public const string DefaultVersion = "v2";

    public string Kind => ResourceKinds.Token;

    public string? SubKind { get; init; }

    public string Version { get; init; } = DefaultVersion;

    public required Metadata Metadata { get; init; }

    public ProvisionTokenSpec Spec { get; init; } = new();

    public void Validate()
    {
        ResourceChecks.CheckVersion(Version, DefaultVersion);
        Metadata.Validate();
        if (Spec.Roles.IsEmpty)
        {
            throw new ResourceValidationException("spec.roles", "a token needs at least one role, e.g. [Node]");
        }

        for (int i = 0; i < Spec.Roles.Count; i++)
        {
            if (!SystemRoles.TryNormalize(Spec.Roles[i], out string? canonical) || canonical != Spec.Roles[i])
            {
                throw new ResourceValidationException($"spec.roles[{i}]", $"\"{Spec.Roles[i]}\" is not a Teleport system role ({string.Join(", ", SystemRoles.All)})");
            }
        }

        if (!string.IsNullOrEmpty(Spec.JoinMethod) && !JoinMethods.All.Contains(Spec.JoinMethod))
        {
            throw new ResourceValidationException("spec.join_method", $"\"{Spec.JoinMethod}\" is not a join method ({string.Join(", ", JoinMethods.All)})");
        }

        bool bot = Spec.Roles.Contains(SystemRoles.Bot);
        if (bot && string.IsNullOrEmpty(Spec.BotName))
        {
            throw new ResourceValidationException("spec.bot_name", "a token with the Bot role needs the bot's name");
        }

        if (!bot && !string.IsNullOrEmpty(Spec.BotName))
        {
            throw new ResourceValidationException("spec.bot_name", "only a token with the Bot role names a bot");
        }
    }

    /// <summary>The join method with Teleport's default applied: <c>token</c> when unset.</summary>
    public string EffectiveJoinMethod => string.IsNullOrEmpty(Spec.JoinMethod) ? JoinMethods.Token : Spec.JoinMethod;
}
