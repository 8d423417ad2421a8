using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary>The <c>teleport</c> section: what every service of the process shares.</summary>
public sealed record GlobalConfig
{
    /// <summary><c>nodename</c>: this host's name in the cluster; the machine's hostname when absent.</summary>
    public required string NodeName { get; init; }

    /// <summary>
    /// <c>data_dir</c>: where the process keeps its state. When absent: <c>/var/lib/teleport</c>
    /// for root, otherwise <c>~/.local/share/teleport</c> (see <see cref="HostEnvironment.DefaultDataDir"/>).
    /// </summary>
    public required string DataDir { get; init; }

    /// <summary><c>join_params</c>: the token (and method) to join the cluster with.</summary>
    public JoinParams? JoinParams { get; init; }

    /// <summary><c>auth_token</c>: the older way to give the join token; Teleport refuses it together with <c>join_params</c>.</summary>
    public string? AuthToken { get; init; }

    /// <summary><c>auth_server</c>: the Auth service to join and talk to, when this process does not run it (default port 3025).</summary>
    public NetAddr? AuthServer { get; init; }

    /// <summary><c>proxy_server</c>: the Proxy to join through instead of <c>auth_server</c> (default port 3080).</summary>
    public NetAddr? ProxyServer { get; init; }

    /// <summary>
    /// <c>ca_pin</c>: one text or a list; each a <c>sha256:&lt;hex&gt;</c> hash of the cluster's CA
    /// (<c>tctl status</c> prints it) or a path to a file of pins. Empty texts are dropped.
    /// </summary>
    public ValueList<string> CaPin { get; init; } = ValueList<string>.Empty;

    public LogConfig Log { get; init; } = new();

    public StorageConfig Storage { get; init; } = new();

    /// <summary><c>diag_addr</c>: where to serve <c>/healthz</c>, <c>/readyz</c> and metrics; off when null.</summary>
    public NetAddr? DiagAddr { get; init; }

    /// <summary>The join token from <c>join_params.token_name</c> or the older <c>auth_token</c>.</summary>
    public string? JoinToken => JoinParams?.TokenName ?? AuthToken;

    /// <summary>The SQLite backend's directory: <c>storage.path</c>, or <c>&lt;data_dir&gt;/backend</c>.</summary>
    public string BackendDirectory => Storage.Path ?? System.IO.Path.Combine(DataDir, StorageConfig.DefaultDirectoryName);
}
