namespace Teleport.Auth.Identity;

/// <summary>auth_service.authentication.second_factor values.</summary>
public static class SecondFactors
{
    public const string Off = "off";
    public const string Otp = "otp";
    public const string On = "on";
    public const string Optional = "optional";

    /// <summary>Whether a login must present a TOTP code.</summary>
    public static bool IsRequired(string mode) => mode is Otp or On;
}
