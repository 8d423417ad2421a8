using System.Net;
using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary><c>teleport start</c>'s flags over the file, in the order Teleport's Configure applies them.</summary>
public sealed partial record TeleportConfig
{
    /// <summary>
    /// This configuration with <paramref name="flags"/> laid over it; every flag given wins over
    /// the file. A bad flag value is a <see cref="ResourceValidationException"/> whose field path
    /// is the flag (<c>--roles</c>). Call <see cref="Validate"/> on the result before starting.
    /// </summary>
    public TeleportConfig Apply(StartFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        GlobalConfig global = Global;
        AuthServiceConfig auth = AuthService;
        SshServiceConfig ssh = SshService;
        ProxyServiceConfig proxy = ProxyService;

        // Teleport: -d sets DEBUG unless the file asks for the more verbose TRACE.
        if (flags.Debug && global.Log.Severity != LogSeverity.Trace)
        {
            global = global with { Log = global.Log with { Severity = LogSeverity.Debug } };
        }

        if (Given(flags.Roles) is { } rolesFlag)
        {
            HashSet<string> roles = ParseRoles(rolesFlag);
            auth = auth with { Enabled = roles.Contains(StartRoles.Auth) };
            ssh = ssh with { Enabled = roles.Contains(StartRoles.Node) };
            proxy = proxy with { Enabled = roles.Contains(StartRoles.Proxy) };
        }

        // Teleport: "not starting the local auth service. --auth-server flag tells to connect to another auth server".
        if (Given(flags.AuthServer) is { } authServer)
        {
            global = global with { AuthServer = FlagAddress("--auth-server", authServer, Ports.Auth) };
            auth = auth with { Enabled = false };
        }

        if (Given(flags.NodeName) is { } nodeName)
        {
            global = global with { NodeName = nodeName };
        }

        if (Given(flags.DataDir) is { } dataDir)
        {
            global = global with { DataDir = dataDir };
        }

        // The flag's token replaces auth_token or join_params.token_name; the method stays.
        if (Given(flags.Token) is { } token)
        {
            global = global with
            {
                JoinParams = new JoinParams { TokenName = token, Method = global.JoinParams?.Method ?? JoinMethods.Token },
                AuthToken = null,
            };
        }

        if (!flags.CaPins.IsEmpty)
        {
            global = global with { CaPin = ParseCaPins(flags.CaPins) };
        }

        if (Given(flags.ListenIP) is { } listenIP)
        {
            string host = IPAddress.TryParse(listenIP, out IPAddress? ip)
                ? ip.ToString()
                : throw new ResourceValidationException("--listen-ip", $"\"{listenIP}\" is not an IP address");
            auth = auth with { ListenAddr = auth.ListenAddr.WithHost(host) };
            ssh = ssh with { ListenAddr = ssh.ListenAddr.WithHost(host) };
            proxy = proxy with
            {
                ListenAddr = proxy.ListenAddr.WithHost(host),
                WebListenAddr = proxy.WebListenAddr.WithHost(host),
                TunnelListenAddr = proxy.TunnelListenAddr.WithHost(host),
            };
        }

        // Teleport's parseLabelsApply replaces both the static and the command labels of the file.
        if (Given(flags.Labels) is { } labelSpec)
        {
            (ValueMap<string> labels, ValueList<CommandLabelConfig> commands) = LabelSpec.Parse(labelSpec, "--labels");
            ssh = ssh with { Labels = labels, Commands = commands };
        }

        if (Given(flags.DiagAddr) is { } diagAddr)
        {
            global = global with { DiagAddr = FlagAddress("--diag-addr", diagAddr, defaultPort: null) };
        }

        return this with { Global = global, AuthService = auth, SshService = ssh, ProxyService = proxy };
    }

    private static string? Given(string? flag) => string.IsNullOrEmpty(flag) ? null : flag;

    /// <summary>Teleport's validateRoles and splitRoles: a comma list, spaces trimmed, empty items skipped.</summary>
    internal static HashSet<string> ParseRoles(string text)
    {
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (string part in text.Split(','))
        {
            string role = part.Trim();
            if (role.Length == 0)
            {
                continue;
            }

            if (string.Equals(role, StartRoles.Auth, StringComparison.OrdinalIgnoreCase)
                || string.Equals(role, StartRoles.Node, StringComparison.OrdinalIgnoreCase)
                || string.Equals(role, StartRoles.Proxy, StringComparison.OrdinalIgnoreCase))
            {
                roles.Add(role.ToUpperInvariant() switch
                {
                    "AUTH" => StartRoles.Auth,
                    "NODE" => StartRoles.Node,
                    _ => StartRoles.Proxy,
                });
                continue;
            }

            throw new ResourceValidationException("--roles", StartRoles.NotSupported.Contains(role, StringComparer.OrdinalIgnoreCase)
                ? $"the {role} role is not supported by this implementation yet: write a comma list of auth, node and proxy"
                : $"unknown role \"{role}\": write a comma list of auth, node and proxy");
        }

        return roles.Count > 0
            ? roles
            : throw new ResourceValidationException("--roles", "no role given: write a comma list of auth, node and proxy");
    }

    internal static ValueList<string> ParseCaPins(ValueList<string> flags)
    {
        var pins = new List<string>();
        foreach (string text in flags)
        {
            if (text.Length == 0)
            {
                continue;
            }

            pins.Add(TryNormalizeCaPin(text, out string? pin, out string? problem)
                ? pin
                : throw new ResourceValidationException("--ca-pin", problem));
        }

        return ValueList.From(pins);
    }

    internal static NetAddr FlagAddress(string flag, string text, int? defaultPort) =>
        NetAddr.TryParse(text, defaultPort, out NetAddr? addr, out string? problem)
            ? addr
            : throw new ResourceValidationException(flag, problem);
}
