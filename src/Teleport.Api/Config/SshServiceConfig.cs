using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary>The <c>ssh_service</c> section: this host as a node of the cluster.</summary>
public sealed record SshServiceConfig
{
    /// <summary><c>enabled</c>: true unless the file says <c>enabled: no</c> (or <c>--roles</c> leaves out <c>node</c>).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>listen_addr</c>: <c>0.0.0.0:3022</c> by default.</summary>
    public NetAddr ListenAddr { get; init; } = new(Ports.BindIP, Ports.Ssh);

    /// <summary><c>public_addr</c>: one address or a list (default port 3022) by which the proxy reaches this node.</summary>
    public ValueList<NetAddr> PublicAddr { get; init; } = ValueList<NetAddr>.Empty;

    /// <summary><c>labels</c>: static labels, which roles' <c>node_labels</c> match.</summary>
    public ValueMap<string> Labels { get; init; } = ValueMap<string>.Empty;

    /// <summary><c>commands</c>: dynamic labels.</summary>
    public ValueList<CommandLabelConfig> Commands { get; init; } = ValueList<CommandLabelConfig>.Empty;
}
