using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary>
/// What <c>teleport configure</c> prints: a commented <c>teleport.yaml</c> (version v3) laid out
/// like Teleport's (lib/config MakeSampleFileConfig): every enabled service with its listen
/// address, the <c>hostname</c> command label, <c>"yes"</c>/<c>"no"</c> for <c>enabled</c>.
/// <see cref="TeleportConfig.Parse"/> reads it back.
/// </summary>
public static class SampleConfig
{
    /// <summary>
    /// The sample for <paramref name="options"/>; a bad or contradictory option is a
    /// <see cref="ResourceValidationException"/> whose field path is the flag.
    /// </summary>
    public static string Write(ConfigureOptions? options = null, HostEnvironment? host = null)
    {
        options ??= new ConfigureOptions();
        host ??= HostEnvironment.Current;
        Plan plan = Check(options);
        var yaml = new StringBuilder();
        Line(yaml, 0, "#");
        Line(yaml, 0, "# A Teleport configuration file (format v3), written by \"teleport configure\".");
        Line(yaml, 0, "# The keys are Teleport's: see its configuration reference for the rest.");
        Line(yaml, 0, "# Review it before production use; \"teleport start -c <this file>\" runs it.");
        Line(yaml, 0, "#");
        Line(yaml, 0, "version: v3");
        WriteGlobal(yaml, options, plan, host);
        WriteAuth(yaml, options, plan);
        WriteSsh(yaml, plan);
        WriteProxy(yaml, options, plan);
        return yaml.ToString();
    }

    private static void WriteGlobal(StringBuilder yaml, ConfigureOptions options, Plan plan, HostEnvironment host)
    {
        Line(yaml, 0, "teleport:");
        Line(yaml, 1, "# This host's name in the cluster (the hostname when absent).");
        Line(yaml, 1, "nodename: " + Scalar(Given(options.NodeName) ?? host.HostName));
        Line(yaml, 1, "# This process's state: its identity and, for the Auth service, the cluster's backend.");
        Line(yaml, 1, "data_dir: " + Scalar(Given(options.DataDir) ?? host.DefaultDataDir));
        if (Given(options.Token) is { } token)
        {
            Line(yaml, 1, "# The token to join the cluster with (tctl tokens add prints one); used on the first start only.");
            Line(yaml, 1, "join_params:");
            Line(yaml, 2, "token_name: " + Scalar(token));
            Line(yaml, 2, "method: token");
        }

        if (plan.AuthServer is { } authServer)
        {
            Line(yaml, 1, "# The cluster's Auth service, to join and to talk to.");
            Line(yaml, 1, "auth_server: " + Scalar(authServer.Addr));
        }

        if (plan.ProxyServer is { } proxyServer)
        {
            Line(yaml, 1, "# The cluster's Proxy, to join through.");
            Line(yaml, 1, "proxy_server: " + Scalar(proxyServer.Addr));
        }

        Line(yaml, 1, "log:");
        Line(yaml, 2, "# stderr, stdout, or the path of a file.");
        Line(yaml, 2, "output: stderr");
        Line(yaml, 2, "# DEBUG, INFO, WARN or ERROR (teleport start -d logs at DEBUG).");
        Line(yaml, 2, "severity: " + ConfigNames.Name(new LogConfig().Severity));
        Line(yaml, 2, "format:");
        Line(yaml, 3, "# text or json.");
        Line(yaml, 3, "output: " + ConfigNames.Name(new LogFormat().Output));
        if (plan.Roles.Contains(StartRoles.Auth))
        {
            Line(yaml, 1, "# The Auth service's backend: sqlite keeps it in <data_dir>/backend;");
            Line(yaml, 1, "# type: postgresql with a conn_string lets several Auth servers share it.");
            Line(yaml, 1, "storage:");
            Line(yaml, 2, "type: " + ConfigNames.Name(new StorageConfig().Type));
        }

        Line(yaml, 1, "# Hashes of the cluster's CA that a joining service trusts (tctl status prints it).");
        if (plan.CaPins.IsEmpty)
        {
            Line(yaml, 1, "ca_pin: \"\"");
        }
        else
        {
            Line(yaml, 1, "ca_pin:");
            foreach (string pin in plan.CaPins)
            {
                Line(yaml, 1, "- " + Scalar(pin));
            }
        }

        Line(yaml, 1, "# host:port for /healthz, /readyz and /metrics; empty serves none.");
        Line(yaml, 1, "diag_addr: \"\"");
    }

    private static void WriteAuth(StringBuilder yaml, ConfigureOptions options, Plan plan)
    {
        Line(yaml, 0, "auth_service:");
        if (!plan.Roles.Contains(StartRoles.Auth))
        {
            Line(yaml, 1, "enabled: \"no\"");
            return;
        }

        Line(yaml, 1, "enabled: \"yes\"");
        Line(yaml, 1, "# The Auth API (mutual TLS), for the other services and tctl.");
        Line(yaml, 1, "listen_addr: " + Scalar(new AuthServiceConfig().ListenAddr.Addr));
        if (Given(options.ClusterName) is { } clusterName)
        {
            Line(yaml, 1, "# The cluster's name, fixed when the cluster is first started.");
            Line(yaml, 1, "cluster_name: " + Scalar(clusterName));
        }
        else
        {
            Line(yaml, 1, "# The cluster's name (the nodename when absent), fixed when the cluster is first started.");
            Line(yaml, 1, "# cluster_name: teleport.example.com");
        }

        Line(yaml, 1, "authentication:");
        Line(yaml, 2, "type: local");
        Line(yaml, 2, "# otp: a TOTP code at every login; on: a second factor is required;");
        Line(yaml, 2, "# optional: asked of users who registered one; off: a password alone.");
        Line(yaml, 2, "second_factor: " + ConfigNames.Name(new AuthenticationConfig().SecondFactor));
        Line(yaml, 1, "# Who records sessions: node, node-sync, proxy, proxy-sync or off.");
        Line(yaml, 1, "session_recording: " + ConfigNames.Name(new AuthServiceConfig().SessionRecording));
    }

    private static void WriteSsh(StringBuilder yaml, Plan plan)
    {
        Line(yaml, 0, "ssh_service:");
        if (!plan.Roles.Contains(StartRoles.Node))
        {
            Line(yaml, 1, "enabled: \"no\"");
            return;
        }

        Line(yaml, 1, "enabled: \"yes\"");
        Line(yaml, 1, "# SSH from the proxy to this host.");
        Line(yaml, 1, "listen_addr: " + Scalar(new SshServiceConfig().ListenAddr.Addr));
        if (!plan.Labels.IsEmpty)
        {
            Line(yaml, 1, "# Static labels, which roles' node_labels match.");
            Line(yaml, 1, "labels:");
            foreach ((string key, string value) in plan.Labels)
            {
                Line(yaml, 2, Scalar(key) + ": " + Scalar(value));
            }
        }

        Line(yaml, 1, "# Dynamic labels: a command's output, refreshed every period.");
        Line(yaml, 1, "commands:");
        foreach (CommandLabelConfig command in plan.Commands)
        {
            Line(yaml, 1, "- name: " + Scalar(command.Name));
            Line(yaml, 1, "  command: [" + string.Join(", ", command.Command.Select(Scalar)) + "]");
            Line(yaml, 1, "  period: " + command.Period);
        }
    }

    private static void WriteProxy(StringBuilder yaml, ConfigureOptions options, Plan plan)
    {
        Line(yaml, 0, "proxy_service:");
        if (!plan.Roles.Contains(StartRoles.Proxy))
        {
            Line(yaml, 1, "enabled: \"no\"");
            return;
        }

        var defaults = new ProxyServiceConfig();
        Line(yaml, 1, "enabled: \"yes\"");
        Line(yaml, 1, "# SSH from tsh and OpenSSH clients.");
        Line(yaml, 1, "listen_addr: " + Scalar(defaults.ListenAddr.Addr));
        Line(yaml, 1, "# HTTPS: the web UI and the web API that tsh logs in through.");
        Line(yaml, 1, "web_listen_addr: " + Scalar((plan.PublicAddr is { } web ? new NetAddr(Ports.BindIP, web.Port) : defaults.WebListenAddr).Addr));
        Line(yaml, 1, "# Reverse tunnels from nodes the proxy cannot reach directly.");
        Line(yaml, 1, "tunnel_listen_addr: " + Scalar(defaults.TunnelListenAddr.Addr));
        if (plan.PublicAddr is { } publicAddr)
        {
            Line(yaml, 1, "# The address users reach the web UI and tsh --proxy at.");
            Line(yaml, 1, "public_addr: " + Scalar(publicAddr.Addr));
        }

        Line(yaml, 1, "# The web port's TLS certificates; with none, a self-signed one is made.");
        if (Given(options.KeyFile) is { } keyFile && Given(options.CertFile) is { } certFile)
        {
            Line(yaml, 1, "https_keypairs:");
            Line(yaml, 1, "- key_file: " + Scalar(keyFile));
            Line(yaml, 1, "  cert_file: " + Scalar(certFile));
        }
        else
        {
            Line(yaml, 1, "https_keypairs: []");
        }

        Line(yaml, 1, "https_keypairs_reload_interval: 0s");
        Line(yaml, 1, "acme: {}");
    }

    /// <summary>The options checked and parsed, or a <see cref="ResourceValidationException"/> naming the flag.</summary>
    private static Plan Check(ConfigureOptions options)
    {
        HashSet<string> roles = Given(options.Roles) is { } text
            ? TeleportConfig.ParseRoles(text)
            : [StartRoles.Auth, StartRoles.Node, StartRoles.Proxy];
        if ((Given(options.KeyFile) is null) != (Given(options.CertFile) is null))
        {
            throw new ResourceValidationException(Given(options.KeyFile) is null ? "--key-file" : "--cert-file",
                "give both --key-file and --cert-file, or neither");
        }

        NetAddr? authServer = Given(options.AuthServer) is { } auth ? TeleportConfig.FlagAddress("--auth-server", auth, Ports.Auth) : null;
        NetAddr? proxyServer = Given(options.ProxyServer) is { } proxy ? TeleportConfig.FlagAddress("--proxy", proxy, Ports.ProxyWeb) : null;
        if (authServer is not null && proxyServer is not null)
        {
            throw new ResourceValidationException("--proxy", "give --auth-server or --proxy, not both");
        }

        if (proxyServer is not null && roles.Contains(StartRoles.Proxy))
        {
            throw new ResourceValidationException("--proxy", "a process that runs the proxy does not join through another: leave proxy out of --roles");
        }

        if (!roles.Contains(StartRoles.Auth) && authServer is null && proxyServer is null)
        {
            throw new ResourceValidationException("--auth-server", "without the auth role the file needs --auth-server or --proxy to join the cluster");
        }

        (ValueMap<string> labels, ValueList<CommandLabelConfig> commands) = Given(options.NodeLabels) is { } spec
            ? LabelSpec.Parse(spec, "--node-labels")
            : (ValueMap<string>.Empty, ValueList<CommandLabelConfig>.Empty);
        if (!labels.ContainsKey("hostname") && !commands.Any(static command => command.Name == "hostname"))
        {
            commands = [new CommandLabelConfig { Name = "hostname", Command = ["hostname"], Period = Duration.FromMinutes(1) }, .. commands];
        }

        return new Plan
        {
            Roles = roles,
            AuthServer = authServer,
            ProxyServer = proxyServer,
            PublicAddr = Given(options.PublicAddr) is { } publicAddr ? TeleportConfig.FlagAddress("--public-addr", publicAddr, Ports.Https) : null,
            CaPins = Given(options.CaPin) is { } pins ? TeleportConfig.ParseCaPins(ValueList.From(pins.Split(','))) : ValueList<string>.Empty,
            Labels = labels,
            Commands = commands,
        };
    }

    private static string? Given(string? option) => string.IsNullOrEmpty(option) ? null : option;

    private static void Line(StringBuilder yaml, int depth, string text) =>
        yaml.Append(' ', depth * 2).Append(text).Append('\n');

    /// <summary>
    /// A value as YAML: plain when a YAML 1.1 reader (Go's yaml.v2) takes it back as the same
    /// text, double-quoted (JSON escapes are YAML escapes) otherwise.
    /// </summary>
    internal static string Scalar(string value) =>
        IsPlainSafe(value) ? value : JsonSerializer.Serialize(value, QuotingOptions);

    private static readonly JsonSerializerOptions QuotingOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static bool IsPlainSafe(string value)
    {
        // An IPv4 host and port (0.0.0.0:3025) looks numeric to ScalarQuoting but is no YAML 1.1
        // number or time: sexagesimal numbers have no dots before their colons.
        bool dottedAddress = value.Contains('.', StringComparison.Ordinal) && value.Contains(':', StringComparison.Ordinal)
            && value.IndexOf('.', StringComparison.Ordinal) < value.IndexOf(':', StringComparison.Ordinal);
        if (value.Length == 0 || (ScalarQuoting.LooksLikeNonText(value) && !dottedAddress) || value.EndsWith(':'))
        {
            return false;
        }

        if ("-?:,[]{}#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !"._/:@+-=~^".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Plan
    {
        public required HashSet<string> Roles { get; init; }

        public NetAddr? AuthServer { get; init; }

        public NetAddr? ProxyServer { get; init; }

        public NetAddr? PublicAddr { get; init; }

        public required ValueList<string> CaPins { get; init; }

        public required ValueMap<string> Labels { get; init; }

        public required ValueList<CommandLabelConfig> Commands { get; init; }
    }
}
