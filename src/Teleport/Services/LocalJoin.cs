using Teleport.Api.Config;
using Teleport.Api.Identity;
using Teleport.Api.Types;

namespace Teleport.Services;

/// <summary>
/// How a node or proxy in the same process as Auth reaches and trusts it: Auth's own address,
/// a one-use token Auth makes for the first start (when none is configured), and Auth's CA pinned
/// directly (no trust on first use). With Auth elsewhere, the configured address, token and pins.
/// </summary>
internal sealed record LocalJoin(string AuthServer, string? Token, IReadOnlyList<string> CaPins)
{
    public static async Task<LocalJoin> ForAsync(TeleportConfig config, AuthServiceHost? localAuth, string role, CancellationToken cancellationToken)
    {
        string authServer = config.Global.AuthServer?.Addr
            ?? (localAuth is not null ? $"127.0.0.1:{localAuth.ListenEndPoint.Port}" : throw new HostJoinException($"the {role.ToLowerInvariant()} service needs teleport.auth_server (or --auth-server) to reach the cluster"));
        string? token = config.Global.JoinToken;
        if (token is null && localAuth is not null && !new HostIdentityStore(config.Global.DataDir, role).Exists)
        {
            ProvisionToken local = await localAuth.Auth.Provisioning.CreateTokenAsync([role], TimeSpan.FromMinutes(5), value: null, by: "teleport", cancellationToken).ConfigureAwait(false);
            token = local.Metadata.Name;
        }

        IReadOnlyList<string> pins = localAuth is not null && config.Global.AuthServer is null ? [localAuth.Auth.Authorities.Tls.Pin] : ReadPins(config.Global.CaPin);
        return new LocalJoin(authServer, token, pins);
    }

    /// <summary>ca_pin entries are pins, or paths of files that hold one pin per line.</summary>
    public static List<string> ReadPins(IEnumerable<string> pins) =>
        [.. pins.SelectMany(pin => pin.StartsWith('/') ? File.ReadAllLines(pin).Select(l => l.Trim()).Where(l => l.Length > 0) : [pin])];
}
