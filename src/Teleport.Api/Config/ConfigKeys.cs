using Teleport.Api.Serialization.Documents;

namespace Teleport.Api.Config;

/// <summary>
/// The keys of each section of <c>teleport.yaml</c>, and the check that refuses the others the
/// way Teleport's strict YAML reading does, with a did-you-mean for a near miss. A key Teleport
/// has but this implementation does not is refused as "not supported", not called unknown; a
/// Teleport section that can be switched off (<c>kubernetes_service</c>, <c>pam</c>, <c>acme</c>)
/// is accepted when it is off, since it then asks for nothing.
/// </summary>
internal sealed class ConfigKeys
{
    public static ConfigKeys Top { get; } = new(
        ["version", "teleport", "auth_service", "ssh_service", "proxy_service"],
        switchable: ["kubernetes_service", "app_service", "db_service", "windows_desktop_service", "discovery_service",
            "metrics_service", "tracing_service", "debug_service", "okta_service", "jamf_service", "access_graph"]);

    public static ConfigKeys Global { get; } = new(
        ["nodename", "data_dir", "join_params", "auth_token", "auth_server", "auth_servers", "proxy_server", "ca_pin", "log", "storage", "diag_addr"],
        unsupported: ["pid_file", "connection_limits", "advertise_ip", "cache", "ciphersuites", "ciphers", "kex_algos", "mac_algos", "ca_signature_algo"]);

    public static ConfigKeys JoinParams { get; } = new(["token_name", "method"], unsupported: ["azure"]);

    public static ConfigKeys Log { get; } = new(["output", "severity", "format"]);

    public static ConfigKeys LogFormat { get; } = new(["output", "extra_fields"]);

    public static ConfigKeys Storage { get; } = new(
        ["type", "path", "conn_string"],
        unsupported: ["audit_events_uri", "audit_sessions_uri", "poll_stream_period", "sync", "journal", "auth_mode", "change_feed_conn_string", "disable_expiry"]);

    public static ConfigKeys AuthService { get; } = new(
        ["enabled", "listen_addr", "public_addr", "cluster_name", "tokens", "authentication", "session_recording", "proxy_listener_mode"],
        unsupported: ["proxy_protocol", "proxy_checks_host_keys", "license_file", "reverse_tunnels", "client_idle_timeout",
            "client_idle_timeout_message", "disconnect_expired_cert", "session_control_timeout", "keep_alive_interval",
            "keep_alive_count_max", "message_of_the_day", "web_idle_timeout", "ca_key_params", "routing_strategy",
            "tunnel_strategy", "proxy_ping_interval", "case_insensitive_routing", "load_all_cas", "kubeconfig_file"]);

    public static ConfigKeys Authentication { get; } = new(
        ["type", "second_factor"],
        unsupported: ["second_factors", "connector_name", "u2f", "webauthn", "require_session_mfa", "locking_mode", "local_auth",
            "passwordless", "headless", "device_trust", "private_key_policy", "default_session_ttl"]);

    public static ConfigKeys SshService { get; } = new(
        ["enabled", "listen_addr", "public_addr", "labels", "commands"],
        switchable: ["pam", "enhanced_recording", "x11", "restricted_session"],
        unsupported: ["permit_user_env", "disable_create_host_user", "ssh_file_copy", "aws_matchers", "force_listen", "proxy_protocol"]);

    public static ConfigKeys Command { get; } = new(["name", "command", "period"]);

    public static ConfigKeys ProxyService { get; } = new(
        ["enabled", "listen_addr", "web_listen_addr", "tunnel_listen_addr", "public_addr", "ssh_public_addr", "tunnel_public_addr",
            "https_keypairs", "https_keypairs_reload_interval"],
        switchable: ["acme", "kubernetes"],
        unsupported: ["kube_listen_addr", "kube_public_addr", "mysql_listen_addr", "mysql_public_addr", "postgres_listen_addr",
            "postgres_public_addr", "mongo_listen_addr", "mongo_public_addr", "peer_listen_addr", "peer_public_addr",
            "proxy_protocol", "trust_x_forwarded_for", "ui", "idp", "https_key_file", "https_cert_file"]);

    public static ConfigKeys KeyPair { get; } = new(["key_file", "cert_file"]);

    private readonly string[] _supported;
    private readonly string[] _switchable;
    private readonly string[] _unsupported;

    private ConfigKeys(string[] supported, string[]? switchable = null, string[]? unsupported = null)
    {
        _supported = supported;
        _switchable = switchable ?? [];
        _unsupported = unsupported ?? [];
    }

    /// <summary>
    /// Refuses the first key of <paramref name="node"/> this section does not read; a switchable
    /// section that is off is taken from <paramref name="fields"/> so its <c>Done</c> passes.
    /// </summary>
    public void Check(MappingReader fields, DocNode node, string path)
    {
        if (node is not MappingNode mapping)
        {
            return;
        }

        foreach ((ScalarNode key, DocNode value) in mapping.Entries)
        {
            string name = key.Value;
            if (Array.IndexOf(_supported, name) >= 0)
            {
                continue;
            }

            string keyPath = fields.PathOf(name);
            if (Array.IndexOf(_switchable, name) >= 0)
            {
                if (IsSwitchedOff(value, keyPath))
                {
                    fields.Take(name);
                    continue;
                }

                throw ReadContext.Error(keyPath, key,
                    $"{name} is not supported by this implementation yet: remove the section or set enabled: no in it");
            }

            if (Array.IndexOf(_unsupported, name) >= 0)
            {
                throw ReadContext.Error(keyPath, key, $"{name} is not supported by this implementation yet: remove it");
            }

            string where = path.Length == 0 ? "teleport.yaml" : path;
            string? closest = Closest(name);
            throw ReadContext.Error(keyPath, key, closest is null
                ? $"unknown key \"{name}\" in {where}"
                : $"unknown key \"{name}\" in {where} (did you mean {closest}?)");
        }
    }

    /// <summary>A switchable section is off unless its <c>enabled</c> says yes (Teleport's default for them is off).</summary>
    private static bool IsSwitchedOff(DocNode value, string path)
    {
        if (value is ScalarNode { IsNull: true })
        {
            return true;
        }

        if (value is not MappingNode mapping)
        {
            return false;
        }

        foreach ((ScalarNode key, DocNode enabled) in mapping.Entries)
        {
            if (key.Value == "enabled" && enabled is not ScalarNode { Value.Length: 0 })
            {
                return !ConfigScalars.Enabled(enabled, path + ".enabled", key);
            }
        }

        return true;
    }

    /// <summary>The known key nearest to a misspelt one, if it is near enough to be a typo.</summary>
    private string? Closest(string name)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string[] keys in (ReadOnlySpan<string[]>)[_supported, _switchable, _unsupported])
        {
            foreach (string candidate in keys)
            {
                int distance = EditDistance(name, candidate);
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }

        // Two edits catch a swapped or doubled letter; short keys need to be closer than that.
        return bestDistance <= Math.Min(2, name.Length / 3) ? best : null;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    internal static int EditDistance(string left, string right)
    {
        var previous = new int[right.Length + 1];
        var current = new int[right.Length + 1];
        for (int j = 0; j <= right.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= left.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= right.Length; j++)
            {
                int substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[right.Length];
    }
}
