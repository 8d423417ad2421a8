using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary>
/// Reads <c>teleport.yaml</c> (version v3) into a <see cref="TeleportConfig"/>, strictly, as
/// Teleport's <c>yaml.UnmarshalStrict</c> does: unknown keys and wrong types are refused with the
/// field's path, line and column. Defaults are applied as fields are read; the checks that need
/// more than one field run at the end and are placed at the field they name.
/// </summary>
internal sealed partial class ConfigReader
{
    private readonly ReadContext _context = new();
    private readonly HostEnvironment _host;

    private ConfigReader(HostEnvironment host) => _host = host;

    public static TeleportConfig Read(string yaml, HostEnvironment host)
    {
        DocNode root = SingleDocument(yaml);
        var reader = new ConfigReader(host);
        try
        {
            return reader.ReadTop(root);
        }
        catch (ResourceValidationException e)
        {
            throw reader._context.Locate(e);
        }
    }

    private static DocNode SingleDocument(string yaml)
    {
        var documents = new List<DocNode>();
        foreach (DocNode? document in YamlDocuments.Read(yaml))
        {
            if (document is not null and not ScalarNode { IsNull: true })
            {
                documents.Add(document);
            }
        }

        return documents.Count switch
        {
            0 => throw new ResourceValidationException(string.Empty, "the configuration is empty: it needs at least \"version: v3\""),
            1 => documents[0],
            _ => throw ReadContext.Error(string.Empty, documents[1], "teleport.yaml holds one YAML document: remove the '---' and what follows it"),
        };
    }

    private TeleportConfig ReadTop(DocNode root)
    {
        if (root is not MappingNode)
        {
            throw ReadContext.Error(string.Empty, root,
                $"expected the configuration (a mapping with version, teleport, auth_service, ssh_service, proxy_service), found {root.Describe()}");
        }

        var top = new MappingReader(_context, root, string.Empty);

        // A file without a version may have it misspelt: say so rather than "no version".
        if (!((MappingNode)root).Entries.Exists(static entry => entry.Key.Value == "version"))
        {
            ConfigKeys.Top.Check(top, root, string.Empty);
        }

        CheckVersion(top, root);
        ConfigKeys.Top.Check(top, root, string.Empty);
        var config = new TeleportConfig
        {
            Global = Section(top, "teleport", ConfigKeys.Global, ReadGlobal) ?? new GlobalConfig
            {
                NodeName = _host.HostName,
                DataDir = _host.DefaultDataDir,
            },
            AuthService = Section(top, "auth_service", ConfigKeys.AuthService, ReadAuthService) ?? new AuthServiceConfig(),
            SshService = Section(top, "ssh_service", ConfigKeys.SshService, ReadSshService) ?? new SshServiceConfig(),
            ProxyService = Section(top, "proxy_service", ConfigKeys.ProxyService, ReadProxyService) ?? new ProxyServiceConfig(),
        };
        top.Done();

        // Teleport's applyAuthOrProxyAddress: a process that runs the proxy does not join through one.
        if (config.Global.ProxyServer is not null && config.ProxyService.Enabled)
        {
            throw new ResourceValidationException("teleport.proxy_server", TeleportConfig.ProxyServerWithProxyProblem);
        }

        return config;
    }

    private static void CheckVersion(MappingReader top, DocNode root)
    {
        DocNode? node = top.Take("version", out ScalarNode? at);
        string version = node is null ? string.Empty : Scalars.Text(node, "version", at);
        switch (version)
        {
            case TeleportConfig.Version3:
                return;
            case "":
                throw ReadContext.Error("version", at ?? root,
                    "the configuration has no version: this implementation reads Teleport's v3 format (add \"version: v3\" as the first line)");
            case "v1" or "v2":
                throw ReadContext.Error("version", at!,
                    $"version {version} is not supported: this implementation reads Teleport's v3 format (write version: v3; v3 replaces auth_servers with auth_server or proxy_server)");
            default:
                throw ReadContext.Error("version", at!, $"unknown version \"{version}\": write version: v3");
        }
    }

    private GlobalConfig ReadGlobal(MappingReader fields)
    {
        if (fields.Take("auth_servers", out ScalarNode? legacy) is not null)
        {
            // Teleport: "config v3 has replaced auth_servers with either auth_server or proxy_server".
            throw ReadContext.Error(fields.PathOf("auth_servers"), legacy!,
                "auth_servers is the v1/v2 form: in v3 write auth_server: <host:3025> for an Auth service, or proxy_server: <host:3080> to join through a Proxy");
        }

        string? authToken = ConfigScalars.OptionalText(fields, "auth_token");
        JoinParams? joinParams = Section(fields, "join_params", ConfigKeys.JoinParams, ReadJoinParams);
        NetAddr? authServer = ConfigScalars.Address(fields, "auth_server", Ports.Auth);
        NetAddr? proxyServer = ConfigScalars.Address(fields, "proxy_server", Ports.ProxyWeb);
        var global = new GlobalConfig
        {
            NodeName = ConfigScalars.OptionalText(fields, "nodename") ?? _host.HostName,
            DataDir = ConfigScalars.OptionalText(fields, "data_dir") ?? _host.DefaultDataDir,
            AuthToken = authToken,
            JoinParams = joinParams,
            AuthServer = authServer,
            ProxyServer = proxyServer,
            CaPin = ReadCaPins(fields),
            Log = Section(fields, "log", ConfigKeys.Log, ReadLog) ?? new LogConfig(),
            Storage = Section(fields, "storage", ConfigKeys.Storage, ReadStorage) ?? new StorageConfig(),
            DiagAddr = ConfigScalars.Address(fields, "diag_addr", defaultPort: null),
        };

        if (authToken is not null && joinParams is not null)
        {
            throw new ResourceValidationException(fields.PathOf("auth_token"),
                "auth_token and join_params both give a join token: keep join_params.token_name (auth_token is the older form)");
        }

        if (authServer is not null && proxyServer is not null)
        {
            throw new ResourceValidationException(fields.PathOf("proxy_server"),
                "only one of auth_server and proxy_server may be set: auth_server joins an Auth service directly, proxy_server joins through a Proxy");
        }

        return global;
    }

    private static JoinParams ReadJoinParams(MappingReader fields)
    {
        string? token = ConfigScalars.OptionalText(fields, "token_name");
        string? method = ConfigScalars.OptionalText(fields, "method");
        if (method is null)
        {
            // Teleport's ValidateJoinMethod refuses an empty method too.
            throw new ResourceValidationException(fields.PathOf("method"), "a join method is required: write method: token");
        }

        if (method != JoinMethods.Token)
        {
            throw new ResourceValidationException(fields.PathOf("method"), JoinMethods.All.Contains(method)
                ? $"the {method} join method is not supported by this implementation yet: write method: token"
                : $"unknown join method \"{method}\": write method: token");
        }

        return token is null
            ? throw new ResourceValidationException(fields.PathOf("token_name"), "a token is required: write token_name: <the token from tctl tokens add>")
            : new JoinParams { TokenName = token, Method = method };
    }

    private static ValueList<string> ReadCaPins(MappingReader fields)
    {
        var pins = new List<string>();
        foreach ((string text, string path, DocNode at) in ConfigScalars.TextOrList(fields, "ca_pin"))
        {
            pins.Add(TeleportConfig.TryNormalizeCaPin(text, out string? pin, out string? problem)
                ? pin
                : throw ReadContext.Error(path, at, problem));
        }

        return ValueList.From(pins);
    }

    private static LogConfig ReadLog(MappingReader fields) => new()
    {
        Output = Enum(fields, "output", LogConfig.Stderr, ConfigNames.LogOutput),
        Severity = Enum(fields, "severity", LogSeverity.Info, ConfigNames.Severity),
        Format = Section(fields, "format", ConfigKeys.LogFormat, ReadLogFormat) ?? new LogFormat(),
    };

    private static LogFormat ReadLogFormat(MappingReader fields)
    {
        ValueList<string> extra = fields.Strings("extra_fields");
        for (int i = 0; i < extra.Count; i++)
        {
            if (!LogFormat.KnownFields.Contains(extra[i]))
            {
                throw new ResourceValidationException($"{fields.PathOf("extra_fields")}[{i}]",
                    $"unknown log field \"{extra[i]}\": write any of {string.Join(", ", LogFormat.KnownFields)}");
            }
        }

        return new LogFormat
        {
            Output = Enum(fields, "output", LogFormatOutput.Text, ConfigNames.FormatOutput),
            ExtraFields = extra,
        };
    }

    private static StorageConfig ReadStorage(MappingReader fields)
    {
        StorageType type = Enum(fields, "type", StorageType.Sqlite, ConfigNames.Storage);
        string? path = ConfigScalars.OptionalText(fields, "path");
        string? connString = ConfigScalars.OptionalText(fields, "conn_string");
        if (type == StorageType.Sqlite && connString is not null)
        {
            throw new ResourceValidationException(fields.PathOf("conn_string"), "conn_string is for type: postgresql; a sqlite backend takes a path");
        }

        if (type == StorageType.Postgresql)
        {
            if (path is not null)
            {
                throw new ResourceValidationException(fields.PathOf("path"), "path is for type: sqlite; a postgresql backend takes conn_string");
            }

            if (connString is null)
            {
                throw new ResourceValidationException(fields.PathOf("type"),
                    "a postgresql backend needs conn_string, e.g. postgresql://teleport@db.example.com:5432/teleport_backend");
            }
        }

        return new StorageConfig { Type = type, Path = path, ConnString = connString };
    }

    /// <summary>
    /// A nested section read by its own keys; null when absent or null. Its unknown keys are
    /// refused before any field is read, so a typo is reported as a typo and not as a missing field.
    /// </summary>
    private static T? Section<T>(MappingReader parent, string key, ConfigKeys keys, Func<MappingReader, T> read)
        where T : class
    {
        if (parent.Take(key, out ScalarNode? at) is not { } node)
        {
            return null;
        }

        string path = parent.PathOf(key);
        var fields = new MappingReader(parent.Context, node, path, at);
        keys.Check(fields, node, path);
        T value = read(fields);
        fields.Done();
        return value;
    }

    /// <summary>A list of mappings, each checked and read like a <see cref="Section{T}"/>.</summary>
    private static ValueList<T> Sections<T>(MappingReader parent, string key, ConfigKeys keys, Func<MappingReader, T> read)
    {
        if (parent.Take(key, out ScalarNode? at) is not { } node)
        {
            return ValueList<T>.Empty;
        }

        string path = parent.PathOf(key);
        if (node is not SequenceNode sequence)
        {
            throw ReadContext.Error(path, at ?? node, $"expected a list, found {node.Describe()}");
        }

        var items = new T[sequence.Items.Count];
        for (int i = 0; i < items.Length; i++)
        {
            string itemPath = $"{path}[{i}]";
            DocNode item = sequence.Items[i];
            parent.Context.Record(itemPath, item.Position);
            if (item is not MappingNode)
            {
                throw ReadContext.Error(itemPath, item, $"expected a mapping, found {item.Describe()}");
            }

            var fields = new MappingReader(parent.Context, item, itemPath);
            keys.Check(fields, item, itemPath);
            items[i] = read(fields);
            fields.Done();
        }

        return ValueList.Create<T>(items);
    }

    /// <summary>A field of named values; absent, null or empty gives <paramref name="fallback"/>.</summary>
    private static T Enum<T>(MappingReader fields, string key, T fallback, Func<string, string, DocNode, T> parse)
    {
        if (fields.Take(key, out ScalarNode? at) is not { } node)
        {
            return fallback;
        }

        string path = fields.PathOf(key);
        string text = Scalars.Text(node, path, at);
        return text.Length == 0 ? fallback : parse(text, path, at ?? node);
    }
}
