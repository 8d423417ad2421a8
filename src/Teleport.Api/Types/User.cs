namespace Teleport.Api.Types;

/// <summary>
/// A <c>user</c> (v2): the roles it holds, its traits (<c>logins</c>, <c>kubernetes_groups</c>,
/// anything an identity provider sends) and its login status
/// (https://goteleport.com/docs/reference/resources/#user). Passwords and second-factor secrets
/// are not part of this type: the Auth service keeps them apart, and a document that carries
/// <c>spec.local_auth</c> is refused.
/// </summary>
public sealed record User : IResource
{
    public const string DefaultVersion = "v2";

    public string Kind => ResourceKinds.User;

    public string? SubKind { get; init; }

    public string Version { get; init; } = DefaultVersion;

    public required Metadata Metadata { get; init; }

    public UserSpec Spec { get; init; } = new();

    /// <summary>What Teleport knows about the user's credentials, without the credentials.</summary>
    public UserStatus Status { get; init; } = new();

    public void Validate()
    {
        ResourceChecks.CheckVersion(Version, DefaultVersion);
        Metadata.Validate();
        for (int i = 0; i < Spec.Roles.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Spec.Roles[i]))
            {
                throw new ResourceValidationException($"spec.roles[{i}]", "a role name must not be empty");
            }
        }

        foreach (string trait in Spec.Traits.Keys)
        {
            if (trait.Length == 0)
            {
                throw new ResourceValidationException("spec.traits", "a trait name must not be empty");
            }
        }
    }
}
