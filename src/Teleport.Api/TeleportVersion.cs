namespace Teleport.Api;

/// <summary>The version every component of this build reports (ping, heartbeats, <c>teleport version</c>).</summary>
public static class TeleportVersion
{
    public const string Current = "0.1.0-dev";
}
