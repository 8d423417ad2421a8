namespace Teleport.Api.Config;

/// <summary>
/// <c>auth_service.proxy_listener_mode</c>, a cluster networking setting that tells clients how to
/// reach the proxy. Teleport's <c>teleport configure</c> has written <c>multiplex</c> since config v2.
/// </summary>
public enum ProxyListenerMode
{
    /// <summary><c>separate</c> (the default): SSH, tunnels and HTTPS on their own ports, which is what this proxy serves.</summary>
    Separate,

    /// <summary>
    /// <c>multiplex</c>: every protocol through the web port (TLS routing with ALPN). Read so that
    /// Teleport's own files load; the proxy does not multiplex yet, which the process that starts it must check.
    /// </summary>
    Multiplex,
}
