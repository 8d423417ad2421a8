namespace Teleport.Api.Config;

/// <summary>
/// The flags of <c>teleport configure</c> that shape the sample it prints. With none set, the
/// sample is a single-process cluster (Auth, Proxy and SSH) on the default ports.
/// </summary>
public sealed record ConfigureOptions
{
    /// <summary><c>--cluster-name</c>: <c>auth_service.cluster_name</c>.</summary>
    public string? ClusterName { get; init; }

    /// <summary><c>--node-name</c>: <c>teleport.nodename</c>; the host's name when absent.</summary>
    public string? NodeName { get; init; }

    /// <summary><c>--data-dir</c>: <c>teleport.data_dir</c>; <see cref="HostEnvironment.DefaultDataDir"/> when absent.</summary>
    public string? DataDir { get; init; }

    /// <summary>
    /// <c>--public-addr</c>: the proxy's public web address. As in Teleport, a port defaults to 443
    /// and the web listener moves to the same port.
    /// </summary>
    public string? PublicAddr { get; init; }

    /// <summary><c>--key-file</c>: the web TLS key; given with <see cref="CertFile"/> or not at all.</summary>
    public string? KeyFile { get; init; }

    /// <summary><c>--cert-file</c>: the web TLS certificate chain.</summary>
    public string? CertFile { get; init; }

    /// <summary><c>--roles</c>: which services the file enables; <c>auth,node,proxy</c> when absent.</summary>
    public string? Roles { get; init; }

    /// <summary><c>--token</c>: written as <c>join_params</c> (method <c>token</c>).</summary>
    public string? Token { get; init; }

    /// <summary><c>--auth-server</c>: <c>teleport.auth_server</c>.</summary>
    public string? AuthServer { get; init; }

    /// <summary><c>--proxy</c>: <c>teleport.proxy_server</c>.</summary>
    public string? ProxyServer { get; init; }

    /// <summary><c>--ca-pin</c>: a comma list of CA pins.</summary>
    public string? CaPin { get; init; }

    /// <summary><c>--node-labels</c>: <c>env=staging,cloud=aws</c>, written as <c>ssh_service.labels</c>.</summary>
    public string? NodeLabels { get; init; }
}
