namespace Teleport.Api.Config;

/// <summary>Teleport's default ports (lib/defaults), which addresses without a port take.</summary>
public static class Ports
{
    /// <summary>The Auth service's API (mutual TLS): <c>auth_service.listen_addr</c>, <c>auth_server</c>.</summary>
    public const int Auth = 3025;

    /// <summary>The SSH service (the node): <c>ssh_service.listen_addr</c>.</summary>
    public const int Ssh = 3022;

    /// <summary>The Proxy's SSH port: <c>proxy_service.listen_addr</c>, <c>ssh_public_addr</c>.</summary>
    public const int ProxySsh = 3023;

    /// <summary>The Proxy's reverse tunnel port: <c>tunnel_listen_addr</c>, <c>tunnel_public_addr</c>.</summary>
    public const int ProxyTunnel = 3024;

    /// <summary>The Proxy's HTTPS port (web UI and web API): <c>web_listen_addr</c>, <c>public_addr</c>, <c>proxy_server</c>.</summary>
    public const int ProxyWeb = 3080;

    /// <summary>What <c>teleport configure --public-addr</c> takes when the address has no port.</summary>
    public const int Https = 443;

    /// <summary>Every interface: the host of every default listening address.</summary>
    public const string BindIP = "0.0.0.0";
}
