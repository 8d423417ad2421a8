namespace Teleport.Api.Types;

/// <summary>Teleport's <c>MFADeviceKind</c> enum: the weakest second factor a user has.</summary>
public enum MfaDeviceKind
{
    Unspecified = 0,
    Unset = 1,
    Totp = 2,
    Webauthn = 3,
}
