using System.CommandLine;
using Teleport.Api.Client;
using Teleport.Api.Types;

namespace Tctl.Commands;

/// <summary>tctl nodes ls: the nodes heartbeating into the cluster.</summary>
internal static class NodesCommand
{
    public static Command Create()
    {
        var nodes = new Command("nodes", "Issue invites for other nodes to join the cluster.");
        var list = new Command("ls", "List all active SSH nodes within the cluster.");
        list.SetAction(async (result, cancellationToken) =>
        {
            using AuthClient client = TctlContext.Load(result).Connect();
            var table = new TextTable("Host", "UUID", "Public Address", "Labels", "Version");
            foreach (Server node in (await client.GetResourcesAsync(ResourceKinds.Node, cancellationToken)).Cast<Server>().OrderBy(n => n.Spec.Hostname, StringComparer.Ordinal))
            {
                table.Add(
                    node.Spec.Hostname ?? string.Empty,
                    node.Metadata.Name,
                    node.Spec.UseTunnel ? "⟵ Tunnel" : node.Spec.Addr ?? string.Empty,
                    string.Join(",", node.GetAllLabels().OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")),
                    node.Spec.Version ?? string.Empty);
            }

            Console.Write(table);
            return 0;
        });
        nodes.Subcommands.Add(list);
        return nodes;
    }
}
