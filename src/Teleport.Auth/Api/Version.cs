namespace Teleport.Auth.Api;

/// <summary>The version every component reports.</summary>
public static class Version
{
    public const string Current = Teleport.Api.TeleportVersion.Current;
}
