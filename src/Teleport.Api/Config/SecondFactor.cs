namespace Teleport.Api.Config;

/// <summary>
/// <c>auth_service.authentication.second_factor</c> for local users. Teleport's current
/// documentation lists <c>on</c>, <c>otp</c> and <c>webauthn</c>; <c>off</c> and <c>optional</c>
/// are the older values (Teleport 16 stopped accepting them), read here for test clusters and
/// gradual roll-outs. WebAuthn is not implemented yet, so <c>webauthn</c> is refused.
/// </summary>
public enum SecondFactor
{
    /// <summary><c>off</c>: a password alone logs in.</summary>
    Off,

    /// <summary><c>otp</c>: a TOTP code is required (Teleport's default).</summary>
    Otp,

    /// <summary><c>on</c>: a second factor is required; every kind the cluster supports is accepted.</summary>
    On,

    /// <summary><c>optional</c>: users who registered a device are asked for it; others log in with a password.</summary>
    Optional,
}
