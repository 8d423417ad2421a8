namespace Teleport.Api.Types;

/// <summary>Values of a token's <c>spec.join_method</c> (https://goteleport.com/docs/reference/join-methods/).</summary>
public static class JoinMethods
{
    /// <summary>The joining service knows the token's name: the only method that needs no cloud.</summary>
    public const string Token = "token";

    public static IReadOnlyList<string> All { get; } =
    [
        Token, "ec2", "iam", "github", "circleci", "kubernetes", "azure", "gitlab", "gcp", "spacelift",
        "tpm", "terraform_cloud", "bitbucket", "oracle", "azure_devops", "bound_keypair",
    ];
}
