namespace Teleport.Api.Config;

/// <summary><c>auth_service.authentication</c>: how local users log in.</summary>
public sealed record AuthenticationConfig
{
    public const string LocalType = "local";

    /// <summary><c>type</c>: <c>local</c>, the only connector implemented (no SSO yet).</summary>
    public string Type { get; init; } = LocalType;

    /// <summary><c>second_factor</c>; <c>otp</c> when absent, as in Teleport.</summary>
    public SecondFactor SecondFactor { get; init; } = SecondFactor.Otp;
}
