using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary>
/// The <c>proxy_service</c> section: the cluster's only door. This implementation listens on
/// separate ports (Teleport's <c>proxy_listener_mode: separate</c>), so the SSH and tunnel
/// listeners take their defaults even in a v3 file, where Teleport would multiplex them on the web port.
/// </summary>
public sealed record ProxyServiceConfig
{
    /// <summary><c>enabled</c>: true unless the file says <c>enabled: no</c> (or <c>--roles</c> leaves out <c>proxy</c>).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>listen_addr</c>: SSH from users, <c>0.0.0.0:3023</c> by default.</summary>
    public NetAddr ListenAddr { get; init; } = new(Ports.BindIP, Ports.ProxySsh);

    /// <summary><c>web_listen_addr</c>: HTTPS (web UI, web API), <c>0.0.0.0:3080</c> by default.</summary>
    public NetAddr WebListenAddr { get; init; } = new(Ports.BindIP, Ports.ProxyWeb);

    /// <summary><c>tunnel_listen_addr</c>: reverse tunnels from nodes, <c>0.0.0.0:3024</c> by default.</summary>
    public NetAddr TunnelListenAddr { get; init; } = new(Ports.BindIP, Ports.ProxyTunnel);

    /// <summary><c>public_addr</c>: the web address users and <c>tsh --proxy</c> use (default port 3080); one or a list.</summary>
    public ValueList<NetAddr> PublicAddr { get; init; } = ValueList<NetAddr>.Empty;

    /// <summary><c>ssh_public_addr</c>: the SSH address users reach (default port 3023).</summary>
    public ValueList<NetAddr> SshPublicAddr { get; init; } = ValueList<NetAddr>.Empty;

    /// <summary><c>tunnel_public_addr</c>: the tunnel address nodes reach (default port 3024).</summary>
    public ValueList<NetAddr> TunnelPublicAddr { get; init; } = ValueList<NetAddr>.Empty;

    /// <summary><c>https_keypairs</c>: certificates for the web port; a self-signed one is made when empty.</summary>
    public ValueList<KeyPairConfig> HttpsKeyPairs { get; init; } = ValueList<KeyPairConfig>.Empty;

    /// <summary><c>https_keypairs_reload_interval</c>: how often to reread the key pairs; zero (the default) never.</summary>
    public Duration HttpsKeyPairsReloadInterval { get; init; }
}
