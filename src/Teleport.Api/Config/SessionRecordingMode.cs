namespace Teleport.Api.Config;

/// <summary>
/// <c>auth_service.session_recording</c>: where interactive sessions are recorded. The
/// <c>-sync</c> modes stream each event to Auth as it happens instead of uploading the
/// recording when the session ends.
/// </summary>
public enum SessionRecordingMode
{
    /// <summary><c>node</c>, the default: the node records.</summary>
    Node,

    /// <summary><c>node-sync</c></summary>
    NodeSync,

    /// <summary><c>proxy</c>: the proxy records (for nodes that are plain OpenSSH servers).</summary>
    Proxy,

    /// <summary><c>proxy-sync</c></summary>
    ProxySync,

    /// <summary><c>off</c>: nothing is recorded.</summary>
    Off,
}
