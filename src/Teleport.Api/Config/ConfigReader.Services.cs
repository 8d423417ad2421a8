using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary>The <c>auth_service</c>, <c>ssh_service</c> and <c>proxy_service</c> sections.</summary>
internal sealed partial class ConfigReader
{
    private static AuthServiceConfig ReadAuthService(MappingReader fields) => new()
    {
        Enabled = ConfigScalars.OptionalEnabled(fields, "enabled") ?? true,
        ListenAddr = ConfigScalars.Address(fields, "listen_addr", Ports.Auth) ?? new AuthServiceConfig().ListenAddr,
        PublicAddr = ConfigScalars.Addresses(fields, "public_addr", Ports.Auth),
        ClusterName = ConfigScalars.OptionalText(fields, "cluster_name"),
        Tokens = ReadTokens(fields),
        Authentication = Section(fields, "authentication", ConfigKeys.Authentication, ReadAuthentication) ?? new AuthenticationConfig(),
        SessionRecording = Enum(fields, "session_recording", SessionRecordingMode.Node, ConfigNames.SessionRecording),
        ProxyListenerMode = Enum(fields, "proxy_listener_mode", ProxyListenerMode.Separate, ConfigNames.ListenerMode),
    };

    private static ValueList<StaticToken> ReadTokens(MappingReader fields)
    {
        if (fields.Take("tokens", out ScalarNode? at) is not { } node)
        {
            return ValueList<StaticToken>.Empty;
        }

        string path = fields.PathOf("tokens");
        if (node is not SequenceNode sequence)
        {
            throw ReadContext.Error(path, at ?? node, $"expected a list of \"roles:secret\" texts, found {node.Describe()}");
        }

        var tokens = new StaticToken[sequence.Items.Count];
        for (int i = 0; i < tokens.Length; i++)
        {
            string itemPath = $"{path}[{i}]";
            DocNode item = sequence.Items[i];
            fields.Context.Record(itemPath, item.Position);
            tokens[i] = StaticToken.TryParse(Scalars.Text(item, itemPath), out StaticToken? token, out string? problem)
                ? token
                : throw ReadContext.Error(itemPath, item, problem);
        }

        return ValueList.Create<StaticToken>(tokens);
    }

    private static AuthenticationConfig ReadAuthentication(MappingReader fields) => new()
    {
        Type = Enum(fields, "type", AuthenticationConfig.LocalType, static (text, path, at) => text switch
        {
            AuthenticationConfig.LocalType => text,
            "github" or "saml" or "oidc" => throw ReadContext.Error(path, at,
                $"{text} authentication is not supported by this implementation yet: write type: local"),
            _ => throw ReadContext.Error(path, at, $"unknown authentication type \"{text}\": write type: local"),
        }),
        SecondFactor = Enum(fields, "second_factor", SecondFactor.Otp, ConfigNames.SecondFactor),
    };

    private static SshServiceConfig ReadSshService(MappingReader fields)
    {
        var ssh = new SshServiceConfig
        {
            Enabled = ConfigScalars.OptionalEnabled(fields, "enabled") ?? true,
            ListenAddr = ConfigScalars.Address(fields, "listen_addr", Ports.Ssh) ?? new SshServiceConfig().ListenAddr,
            PublicAddr = ConfigScalars.Addresses(fields, "public_addr", Ports.Ssh),
            Labels = fields.StringMap("labels"),
            Commands = Sections(fields, "commands", ConfigKeys.Command, ReadCommand),
        };

        string labelsPath = fields.PathOf("labels");
        foreach ((string key, _) in ssh.Labels)
        {
            if (!ConfigScalars.IsLabelKey(key))
            {
                throw new ResourceValidationException(labelsPath + FieldPaths.Key(key), LabelKeyProblem(key));
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < ssh.Commands.Count; i++)
        {
            string name = ssh.Commands[i].Name;
            string namePath = $"{fields.PathOf("commands")}[{i}].name";
            if (ssh.Labels.ContainsKey(name))
            {
                throw new ResourceValidationException(namePath, $"the label {name} is both in labels and in commands: give it one value");
            }

            if (!names.Add(name))
            {
                throw new ResourceValidationException(namePath, $"two commands are named {name}");
            }
        }

        return ssh;
    }

    private static CommandLabelConfig ReadCommand(MappingReader fields)
    {
        string? name = ConfigScalars.OptionalText(fields, "name");
        ValueList<string> command = fields.Strings("command");
        DocNode? periodNode = fields.Take("period", out ScalarNode? periodKey);
        Duration period = periodNode is null ? Duration.Zero : Scalars.Duration(periodNode, fields.PathOf("period"), periodKey);
        if (name is null)
        {
            throw new ResourceValidationException(fields.PathOf("name"), "a command label needs a name: the label's key");
        }

        if (!ConfigScalars.IsLabelKey(name))
        {
            throw new ResourceValidationException(fields.PathOf("name"), LabelKeyProblem(name));
        }

        if (command.IsEmpty || command[0].Length == 0)
        {
            throw new ResourceValidationException(fields.PathOf("command"), "a command label needs a command: a list of the program and its arguments, like [uname, -r]");
        }

        if (period <= Duration.Zero)
        {
            throw new ResourceValidationException(fields.PathOf("period"), "a command label needs a period longer than zero, like 1m or 1h");
        }

        return new CommandLabelConfig { Name = name, Command = command, Period = period };
    }

    private static ProxyServiceConfig ReadProxyService(MappingReader fields)
    {
        var defaults = new ProxyServiceConfig();
        var proxy = new ProxyServiceConfig
        {
            Enabled = ConfigScalars.OptionalEnabled(fields, "enabled") ?? true,
            ListenAddr = ConfigScalars.Address(fields, "listen_addr", Ports.ProxySsh) ?? defaults.ListenAddr,
            WebListenAddr = ConfigScalars.Address(fields, "web_listen_addr", Ports.ProxyWeb) ?? defaults.WebListenAddr,
            TunnelListenAddr = ConfigScalars.Address(fields, "tunnel_listen_addr", Ports.ProxyTunnel) ?? defaults.TunnelListenAddr,
            PublicAddr = ConfigScalars.Addresses(fields, "public_addr", Ports.ProxyWeb),
            SshPublicAddr = ConfigScalars.Addresses(fields, "ssh_public_addr", Ports.ProxySsh),
            TunnelPublicAddr = ConfigScalars.Addresses(fields, "tunnel_public_addr", Ports.ProxyTunnel),
            HttpsKeyPairs = Sections(fields, "https_keypairs", ConfigKeys.KeyPair, ReadKeyPair),
            HttpsKeyPairsReloadInterval = fields.Duration("https_keypairs_reload_interval"),
        };

        if (proxy.HttpsKeyPairsReloadInterval < Duration.Zero)
        {
            throw new ResourceValidationException(fields.PathOf("https_keypairs_reload_interval"), "the interval must not be negative (0s never reloads)");
        }

        return proxy;
    }

    private static KeyPairConfig ReadKeyPair(MappingReader fields)
    {
        string? keyFile = ConfigScalars.OptionalText(fields, "key_file");
        string? certFile = ConfigScalars.OptionalText(fields, "cert_file");
        return keyFile is null
            ? throw new ResourceValidationException(fields.PathOf("key_file"), "a key pair needs key_file, the PEM private key")
            : certFile is null
                ? throw new ResourceValidationException(fields.PathOf("cert_file"), "a key pair needs cert_file, the PEM certificate chain")
                : new KeyPairConfig { KeyFile = keyFile, CertFile = certFile };
    }

    private static string LabelKeyProblem(string key) =>
        $"\"{key}\" is not a label name: use letters, digits and / . _ : * -";
}
