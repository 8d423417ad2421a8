using System.Text;
using Teleport.Client.Profiles;

namespace Teleport.Client.OpenSsh;

/// <summary>
/// <c>tsh config</c>: an ssh_config block with which plain OpenSSH reaches the cluster's nodes,
/// using tsh's key, certificate and known_hosts, and <c>tsh proxy ssh</c> as the ProxyCommand.
/// </summary>
public static class SshConfigWriter
{
    /// <param name="tshPath">The tsh executable the ProxyCommand runs.</param>
    /// <param name="teleportHome">TELEPORT_HOME to pass on to the ProxyCommand, or null for ~/.tsh.</param>
    public static string Write(ClientProfile profile, ProfileStore store, string tshPath, string? teleportHome)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(store);
        string proxy = profile.ProxyHost;
        string cluster = profile.Cluster;
        string environment = teleportHome is null ? string.Empty : $"env TELEPORT_HOME={Quote(store.Home)} ";
        var text = new StringBuilder();
        text.Append("# Begin generated Teleport configuration for ").Append(proxy).Append(" by tsh\n\n");
        text.Append("# Common flags for all ").Append(cluster).Append(" hosts\n");
        text.Append("Host *.").Append(cluster).Append(' ').Append(proxy).Append('\n');
        text.Append("    UserKnownHostsFile ").Append(Quote(store.KnownHostsPath)).Append('\n');
        text.Append("    IdentityFile ").Append(Quote(store.PrivateKeyPath(proxy, profile.User))).Append('\n');
        text.Append("    CertificateFile ").Append(Quote(store.SshCertificatePath(proxy, profile.User, cluster))).Append('\n');
        text.Append("    HostKeyAlgorithms ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com\n\n");
        text.Append("# Flags for all ").Append(cluster).Append(" hosts except the proxy\n");
        text.Append("Host *.").Append(cluster).Append(" !").Append(proxy).Append('\n');
        text.Append("    Port 3022\n");
        text.Append("    ProxyCommand ").Append(environment).Append(Quote(tshPath))
            .Append(" proxy ssh --cluster=").Append(cluster).Append(" --proxy=").Append(profile.WebProxyAddr).Append(" %r@%h:%p\n");
        text.Append("\n# End generated Teleport configuration\n");
        return text.ToString();
    }

    /// <summary>Double quotes, as ssh_config reads them; paths with spaces stay one word.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
