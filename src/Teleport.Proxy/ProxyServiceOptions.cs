using System.Net;
using Microsoft.Extensions.Logging;
using Teleport.Api.Config;

namespace Teleport.Proxy;

/// <summary>What the proxy service needs: how to join, where to listen, what to advertise.</summary>
public sealed record ProxyServiceOptions
{
    public required string DataDir { get; init; }

    public required string NodeName { get; init; }

    /// <summary>The Auth server (host:port) the proxy joins and calls.</summary>
    public required string AuthServer { get; init; }

    /// <summary>A join token with the Proxy role; needed on the first start only.</summary>
    public string? JoinToken { get; init; }

    /// <summary>ca_pin values the Auth server's CA must match; empty trusts on first use (and warns).</summary>
    public IReadOnlyList<string> CaPins { get; init; } = [];

    /// <summary>HTTPS: web API and web UI (3080).</summary>
    public required IPEndPoint WebListenAddr { get; init; }

    /// <summary>SSH from users (3023).</summary>
    public required IPEndPoint SshListenAddr { get; init; }

    /// <summary>Reverse tunnels from nodes (3024).</summary>
    public required IPEndPoint TunnelListenAddr { get; init; }

    /// <summary>The web address users give <c>tsh --proxy</c>, host:port (public_addr, else derived from the listener).</summary>
    public required string PublicAddr { get; init; }

    /// <summary>The SSH address users reach, host:port (ssh_public_addr, else derived).</summary>
    public required string SshPublicAddr { get; init; }

    /// <summary>The tunnel address nodes dial, host:port (tunnel_public_addr, else derived).</summary>
    public required string TunnelPublicAddr { get; init; }

    /// <summary>https_keypairs; a self-signed certificate is made (and kept in data_dir) when empty.</summary>
    public IReadOnlyList<KeyPairConfig> HttpsKeyPairs { get; init; } = [];

    public ILoggerFactory? LoggerFactory { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
