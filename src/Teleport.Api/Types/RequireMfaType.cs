namespace Teleport.Api.Types;

/// <summary>
/// A role's <c>options.require_session_mfa</c>: <c>false</c>/<c>no</c>, <c>true</c>/<c>yes</c>
/// (per-session MFA), or a hardware key policy (<c>hardware_key</c>, <c>hardware_key_touch</c>,
/// <c>hardware_key_pin</c>, <c>hardware_key_touch_and_pin</c>).
/// </summary>
public enum RequireMfaType
{
    Off = 0,
    Session = 1,
    SessionAndHardwareKey = 2,
    HardwareKeyTouch = 3,
    HardwareKeyPin = 4,
    HardwareKeyTouchAndPin = 5,
}
