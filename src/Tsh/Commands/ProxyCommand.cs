using System.CommandLine;
using Teleport.Client;
using Teleport.Client.Profiles;
using Teleport.Client.Ssh;

namespace Tsh.Commands;

/// <summary>tsh proxy ssh: stdin and stdout piped to a node's SSH port through the proxy (OpenSSH's ProxyCommand).</summary>
internal static class ProxyCommand
{
    public static Command Create(TshContext context)
    {
        var cluster = new Option<string?>("--cluster") { Description = "Cluster of the node [the profile's]." };
        var proxy = new Option<string?>("--proxy") { Description = "Web proxy address, selecting the profile [the current one]." };
        var target = new Argument<string>("[user@]host:port");
        var ssh = new Command("ssh", "Start a local SSH proxy to a node: stdin and stdout carry its SSH port.") { cluster, proxy, target };
        ssh.SetAction(async (result, cancellationToken) =>
        {
            ActiveProfile active = context.Active();
            if (result.GetValue(proxy) is { } proxyAddr && HostPort.Parse(proxyAddr, HostPort.DefaultWebPort).Host != active.Profile.ProxyHost)
            {
                ClientProfile profile = context.Store.Profile(HostPort.Parse(proxyAddr, HostPort.DefaultWebPort).Host)
                    ?? throw new ClientException($"not logged in to {proxyAddr}; log in with tsh login --proxy={proxyAddr}");
                active = new ActiveProfile(profile, context.Store.LoadKeys(profile));
                if (active.Keys.IsExpired(context.Clock))
                {
                    throw new ClientException($"your credentials have expired, please log in again: tsh login --proxy={profile.WebProxyAddr}");
                }
            }

            if (result.GetValue(cluster) is { } name && name != active.Profile.Cluster)
            {
                throw new ClientException($"cluster \"{name}\" is not the profile's cluster \"{active.Profile.Cluster}\"");
            }

            SshTarget node = SshTarget.Parse(result.GetValue(target)!, active.Profile.Cluster);

            // A node name identifies the node and its own port; ssh_config's "Port 3022" is only a
            // placeholder for nodes that listen elsewhere. Addresses keep the port they were given.
            int port = HostCertificateVerifier.IsAddress(node.Host) ? node.Port : 0;
            await ProxySshPipe.RunAsync(new ClusterClient(active, context.Clock), node.Host, port, TshContext.StandardInput(), TshContext.StandardOutput(), cancellationToken);
            return 0;
        });
        var command = new Command("proxy", "Run local TLS and SSH proxies.");
        command.Subcommands.Add(ssh);
        return command;
    }
}
