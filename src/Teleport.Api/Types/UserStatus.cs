namespace Teleport.Api.Types;

/// <summary>
/// A user's top-level <c>status</c>: what Teleport knows about its password and weakest second
/// factor, as Teleport's enum numbers (password_state 1 = unset, 2 = set). Never the secrets.
/// </summary>
public sealed record UserStatus
{
    public PasswordState PasswordState { get; init; }

    public MfaDeviceKind MfaWeakestDevice { get; init; }
}
