using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary>The <c>auth_service</c> section: the cluster's CAs and state.</summary>
public sealed record AuthServiceConfig
{
    /// <summary><c>enabled</c>: true unless the file says <c>enabled: no</c> (or <c>--roles</c> leaves out <c>auth</c>).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>listen_addr</c>: <c>0.0.0.0:3025</c> by default.</summary>
    public NetAddr ListenAddr { get; init; } = new(Ports.BindIP, Ports.Auth);

    /// <summary><c>public_addr</c>: one address or a list (default port 3025), added to the Auth server's certificates.</summary>
    public ValueList<NetAddr> PublicAddr { get; init; } = ValueList<NetAddr>.Empty;

    /// <summary><c>cluster_name</c>: set once, when the cluster is created; the node name when absent (as in Teleport).</summary>
    public string? ClusterName { get; init; }

    /// <summary><c>tokens</c>: static join tokens, <c>"node:secret"</c>.</summary>
    public ValueList<StaticToken> Tokens { get; init; } = ValueList<StaticToken>.Empty;

    public AuthenticationConfig Authentication { get; init; } = new();

    /// <summary><c>session_recording</c>: <c>node</c> by default.</summary>
    public SessionRecordingMode SessionRecording { get; init; } = SessionRecordingMode.Node;

    /// <summary><c>proxy_listener_mode</c>: <c>separate</c> by default.</summary>
    public ProxyListenerMode ProxyListenerMode { get; init; } = ProxyListenerMode.Separate;
}
