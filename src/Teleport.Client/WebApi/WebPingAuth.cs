namespace Teleport.Client.WebApi;

/// <summary>The "auth" part of the ping: the login type and the second factor (otp, on or off).</summary>
public sealed record WebPingAuth(string? Type, string? SecondFactor);
