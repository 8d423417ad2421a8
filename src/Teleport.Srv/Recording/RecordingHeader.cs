namespace Teleport.Srv.Recording;

/// <summary>What a recording's first line says about its session.</summary>
public sealed record RecordingHeader(
    string SessionId,
    string ClusterName,
    string User,
    string Login,
    string ServerId,
    string ServerHostname,
    string Term,
    uint Columns,
    uint Rows,
    DateTimeOffset Started)
{
    /// <summary>Our format's version inside the asciicast v2 header (<c>teleport.format</c>); bumped when its meaning changes.</summary>
    public const int FormatVersion = 1;
}
