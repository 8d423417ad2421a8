using System.CommandLine;
using Teleport.Client;
using Teleport.Client.Profiles;
using Teleport.Client.Scp;
using Teleport.Client.Ssh;

namespace Tsh.Commands;

/// <summary>tsh scp: copies files to or from a node with the scp protocol, through the proxy.</summary>
internal static class ScpCommand
{
    public static Command Create(TshContext context)
    {
        var recursive = new Option<bool>("-r", "--recursive") { Description = "Copy directories recursively." };
        var port = new Option<int>("-P", "--port") { Description = "SSH port on the node [the node's own]." };
        var paths = new Argument<string[]>("source... destination") { Arity = new ArgumentArity(2, 100_000) };
        var command = new Command("scp", "Transfer files to and from a remote SSH node: [user@]host:path on one side.") { recursive, port, paths };
        command.SetAction(async (result, cancellationToken) =>
        {
            string[] all = result.GetValue(paths)!;
            ScpLocation[] sources = [.. all[..^1].Select(ScpLocation.Parse)];
            ScpLocation destination = ScpLocation.Parse(all[^1]);
            ScpLocation remote;
            if (destination.IsRemote)
            {
                remote = sources.Any(s => s.IsRemote) ? throw new ClientException("copying between two remote hosts is not supported") : destination;
            }
            else if (sources is [{ IsRemote: true } source])
            {
                remote = source;
            }
            else
            {
                throw new ClientException("one side must be remote ([user@]host:path), and only one remote source may be given");
            }

            ActiveProfile active = context.Active();
            SshTarget target = SshTarget.Parse(remote.Host!, active.Profile.Cluster);
            var client = new ClusterClient(active, context.Clock);
            NodeConnection connection = await client.ConnectToNodeAsync(remote.Login ?? TshContext.LocalUser, target.Host, result.GetValue(port), handlers: null, cancellationToken);
            await using (connection)
            {
                if (destination.IsRemote)
                {
                    await ScpClient.UploadAsync(connection.Node, [.. sources.Select(s => s.Path)], destination.Path, result.GetValue(recursive), cancellationToken);
                }
                else
                {
                    await ScpClient.DownloadAsync(connection.Node, remote.Path, destination.Path, result.GetValue(recursive), cancellationToken);
                }
            }

            return 0;
        });
        return command;
    }
}
