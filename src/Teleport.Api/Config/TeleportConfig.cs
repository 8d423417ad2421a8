using System.Diagnostics.CodeAnalysis;
using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary>
/// A <c>teleport.yaml</c> file (Teleport's configuration format, version v3), as
/// <c>teleport start -c</c> and <c>tctl -c</c> read it, with every default applied:
/// <list type="bullet">
/// <item><see cref="Parse"/> reads a file strictly (unknown keys, wrong types and values are a
/// <see cref="ResourceValidationException"/> with the field's path, line and column);</item>
/// <item><see cref="Default"/> is what <c>teleport start</c> runs with no file: Auth, Proxy and
/// SSH in one process, the quickstart;</item>
/// <item><see cref="Apply"/> lays <c>teleport start</c>'s flags over either, and
/// <see cref="Validate"/> checks the result is a process that can start;
/// <see cref="ForStart"/> does all three.</item>
/// </list>
/// As in Teleport, <c>auth_service</c>, <c>ssh_service</c> and <c>proxy_service</c> are enabled
/// unless their section says <c>enabled: no</c>; a missing section is an enabled one.
/// </summary>
public sealed partial record TeleportConfig
{
    /// <summary>The one configuration version read: <c>v3</c> (Teleport 12 and later).</summary>
    public const string Version3 = "v3";

    internal const string ProxyServerWithProxyProblem =
        "proxy_server cannot be set when this process runs the proxy service: disable proxy_service (enabled: no) or remove proxy_server";

    /// <summary><c>version</c>: always <see cref="Version3"/>.</summary>
    public string Version { get; init; } = Version3;

    /// <summary>The <c>teleport</c> section.</summary>
    public required GlobalConfig Global { get; init; }

    /// <summary>The <c>auth_service</c> section.</summary>
    public AuthServiceConfig AuthService { get; init; } = new();

    /// <summary>The <c>ssh_service</c> section: this host as a node.</summary>
    public SshServiceConfig SshService { get; init; } = new();

    /// <summary>The <c>proxy_service</c> section.</summary>
    public ProxyServiceConfig ProxyService { get; init; } = new();

    /// <summary>
    /// The cluster's name: <c>auth_service.cluster_name</c>, or this host's <c>nodename</c> when
    /// it is not set (Teleport names a new cluster after the Auth server's host).
    /// </summary>
    public string ClusterName => AuthService.ClusterName ?? Global.NodeName;

    /// <summary>
    /// Where to reach the Auth API: <c>auth_server</c>, or the local Auth service's
    /// <c>listen_addr</c> (a listen-everywhere host becomes loopback), or null for a process that
    /// joins through <c>proxy_server</c>. What <c>tctl -c teleport.yaml</c> connects to.
    /// </summary>
    public NetAddr? AuthAddress
    {
        get
        {
            if (Global.AuthServer is { } remote)
            {
                return remote;
            }

            if (!AuthService.Enabled)
            {
                return null;
            }

            NetAddr listen = AuthService.ListenAddr;
            return !listen.IsUnspecifiedHost ? listen : listen.WithHost(listen.Host == "::" ? "::1" : "127.0.0.1");
        }
    }

    /// <summary>The <c>--roles</c> spelling of the services that run: <c>auth</c>, <c>node</c>, <c>proxy</c>.</summary>
    public IReadOnlyList<string> Roles
    {
        get
        {
            var roles = new List<string>(3);
            if (AuthService.Enabled)
            {
                roles.Add(StartRoles.Auth);
            }

            if (SshService.Enabled)
            {
                roles.Add(StartRoles.Node);
            }

            if (ProxyService.Enabled)
            {
                roles.Add(StartRoles.Proxy);
            }

            return roles;
        }
    }

    /// <summary>
    /// Reads a <c>teleport.yaml</c> text. The defaults that depend on the machine (<c>nodename</c>,
    /// <c>data_dir</c>) come from <paramref name="host"/>, or the running process when null.
    /// </summary>
    public static TeleportConfig Parse(string yaml, HostEnvironment? host = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);

        // A byte order mark survives when the file was decoded without detecting it.
        return ConfigReader.Read(yaml.StartsWith('\uFEFF') ? yaml[1..] : yaml, host ?? HostEnvironment.Current);
    }

    /// <summary>
    /// The configuration of <c>teleport start</c> without a file: Auth, SSH and Proxy in one process
    /// on their default ports, named after the host, data in <see cref="HostEnvironment.DefaultDataDir"/>.
    /// </summary>
    public static TeleportConfig Default(HostEnvironment? host = null)
    {
        host ??= HostEnvironment.Current;
        return new TeleportConfig { Global = new GlobalConfig { NodeName = host.HostName, DataDir = host.DefaultDataDir } };
    }

    /// <summary>
    /// What <c>teleport start [-c file] [flags]</c> runs: the file (or the defaults when
    /// <paramref name="yaml"/> is null), the flags over it, then <see cref="Validate"/>.
    /// </summary>
    public static TeleportConfig ForStart(string? yaml, StartFlags? flags = null, HostEnvironment? host = null)
    {
        host ??= HostEnvironment.Current;
        TeleportConfig config = yaml is null ? Default(host) : Parse(yaml, host);
        if (flags is not null)
        {
            config = config.Apply(flags);
        }

        config.Validate();
        return config;
    }

    /// <summary>
    /// Checks what only the whole configuration (file and flags together) can tell, as Teleport
    /// does before it starts: at least one service runs, and a process without the Auth service
    /// knows where to join. Throws <see cref="ResourceValidationException"/> naming the field.
    /// </summary>
    public void Validate()
    {
        if (!AuthService.Enabled && !SshService.Enabled && !ProxyService.Enabled)
        {
            throw new ResourceValidationException(string.Empty,
                "no service is enabled: enable auth_service, ssh_service or proxy_service (or pass --roles)");
        }

        if (Global.ProxyServer is not null && ProxyService.Enabled)
        {
            throw new ResourceValidationException("teleport.proxy_server", ProxyServerWithProxyProblem);
        }

        if (!AuthService.Enabled && Global.AuthServer is null && Global.ProxyServer is null)
        {
            throw new ResourceValidationException("teleport.auth_server",
                "this process does not run the Auth service, so it needs the cluster's address: set teleport.auth_server (or proxy_server), or pass --auth-server");
        }
    }

    /// <summary>
    /// A CA pin as Teleport writes it, <c>sha256:</c> and 64 hex digits (lower-cased here), or an
    /// absolute path to a file of pins, one a line.
    /// </summary>
    internal static bool TryNormalizeCaPin(string text, [NotNullWhen(true)] out string? pin, [NotNullWhen(false)] out string? problem)
    {
        const string Prefix = "sha256:";
        pin = null;
        if (text.StartsWith('/'))
        {
            pin = text;
            problem = null;
            return true;
        }

        ReadOnlySpan<char> hex = text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? text.AsSpan(Prefix.Length) : [];
        if (hex.Length != 64 || hex.ContainsAnyExcept("0123456789abcdefABCDEF"))
        {
            problem = $"\"{text}\" is not a CA pin: write sha256: and 64 hex digits, as tctl status prints it (or a path to a file of pins)";
            return false;
        }

        pin = Prefix + Convert.ToHexStringLower(Convert.FromHexString(hex));
        problem = null;
        return true;
    }
}
