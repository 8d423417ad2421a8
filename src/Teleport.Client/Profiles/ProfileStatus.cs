using System.Globalization;
using System.Text;
using Teleport.Api.Identity;
using Teleport.Client.Login;

namespace Teleport.Client.Profiles;

/// <summary>The <c>tsh status</c> block: who is logged in where, with which roles and logins, until when.</summary>
public static class ProfileStatus
{
    public static string Format(ClientProfile profile, ClientKeys keys, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(clock);
        DateTimeOffset now = clock.GetUtcNow();
        string validity = keys.IsExpired(clock)
            ? "EXPIRED"
            : "valid for " + LoginFlow.FormatRemaining(keys.ValidBefore - now);
        var text = new StringBuilder();
        text.Append("> Profile URL:        https://").Append(profile.WebProxyAddr).Append('\n');
        text.Append("  Logged in as:       ").Append(profile.User).Append('\n');
        text.Append("  Cluster:            ").Append(profile.Cluster).Append('\n');
        text.Append("  Roles:              ").AppendJoin(", ", TeleportCertExtensions.ReadRoles(keys.SshCertificate)).Append('\n');
        text.Append("  Logins:             ").AppendJoin(", ", keys.SshCertificate.Principals).Append('\n');
        text.Append("  Valid until:        ")
            .Append(keys.ValidBefore.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture))
            .Append(" [").Append(validity).Append("]\n");
        text.Append("  Extensions:         ").AppendJoin(", ", keys.SshCertificate.Extensions.Keys.Where(k => k.StartsWith("permit-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)).Append('\n');
        return text.ToString();
    }
}
