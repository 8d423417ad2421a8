using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Teleport.Api.Client;
using Teleport.Api.Config;
using Teleport.Api.Types;

namespace Tctl;

/// <summary>
/// What every tctl command needs: the configuration (-c, else /etc/teleport.yaml, else the
/// defaults), the Auth server's address, and the admin identity the Auth service keeps under
/// data_dir. Like Teleport's tctl, it must run on the Auth host.
/// </summary>
internal sealed class TctlContext
{
    public const string DefaultConfigPath = "/etc/teleport.yaml";

    public static readonly Option<string?> ConfigOption = new("--config", "-c") { Description = $"Path to a configuration file [{DefaultConfigPath}].", Recursive = true };
    public static readonly Option<string?> AuthServerOption = new("--auth-server") { Description = "Address of the Auth server [from the configuration].", Recursive = true };

    private TctlContext(TeleportConfig config, string authAddress)
    {
        Config = config;
        AuthAddress = authAddress;
    }

    public TeleportConfig Config { get; }

    public string AuthAddress { get; }

    public static TctlContext Load(ParseResult result)
    {
        string? path = result.GetValue(ConfigOption) ?? (File.Exists(DefaultConfigPath) ? DefaultConfigPath : null);
        TeleportConfig config;
        try
        {
            config = path is null ? TeleportConfig.Default() : TeleportConfig.Parse(File.ReadAllText(path));
        }
        catch (ResourceValidationException e)
        {
            throw new TctlException($"{path}: {e.Message}", e);
        }

        string address = result.GetValue(AuthServerOption)
            ?? (config.AuthService.ListenAddr.IsUnspecifiedHost ? config.AuthService.ListenAddr.WithHost("127.0.0.1") : config.AuthService.ListenAddr).Addr;
        return new TctlContext(config, address);
    }

    /// <summary>A client authenticated as the local admin.</summary>
    public AuthClient Connect()
    {
        string dataDir = Config.Global.DataDir;
        if (!LocalAdminIdentity.Exists(dataDir))
        {
            throw new TctlException(
                $"no admin identity in {LocalAdminIdentity.DirectoryOf(dataDir)}: run tctl on the Auth host, as the user that runs teleport, with -c pointing at its teleport.yaml (data_dir: {dataDir})");
        }

        (X509Certificate2 certificate, X509Certificate2Collection authorities) = LocalAdminIdentity.Load(dataDir);
        return new AuthClient(AuthAddress, AuthServerTrust.FromAuthorities(authorities), certificate);
    }
}
