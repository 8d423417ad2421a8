namespace Teleport.Api.Identity;

/// <summary>What a service needs to join the cluster on its first start, and where its identity is kept.</summary>
public sealed record HostJoinOptions
{
    /// <summary><c>data_dir</c>: <c>host_uuid</c> lives here, the identity in a subdirectory named after the service.</summary>
    public required string DataDir { get; init; }

    /// <summary>The system role joined as: <c>Node</c> or <c>Proxy</c>; also names the identity's subdirectory, in lower case.</summary>
    public required string Role { get; init; }

    public required string NodeName { get; init; }

    /// <summary>The Auth server (host:port) the join goes to; empty when it goes through <see cref="ProxyServer"/>.</summary>
    public string AuthServer { get; init; } = string.Empty;

    /// <summary>
    /// <c>teleport.proxy_server</c> (host:port of the proxy's web API): the join goes to the
    /// proxy's <c>POST /webapi/host/credentials</c>, which forwards it to Auth. Null joins Auth directly.
    /// </summary>
    public string? ProxyServer { get; init; }

    /// <summary>The join token, or the path of a file that holds it; null when the identity already exists.</summary>
    public string? JoinToken { get; init; }

    /// <summary>ca_pin values (sha256:…) the Auth server's CA must match; empty trusts on first use.</summary>
    public IReadOnlyList<string> CaPins { get; init; } = [];

    /// <summary>Additional principals for the host certificate: the names clients reach this host by.</summary>
    public IReadOnlyList<string> Principals { get; init; } = [];
}
