using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Teleport.Client.Profiles;
using Teleport.Client.Ssh;
using Teleport.Client.WebApi;

namespace Tsh.Commands;

/// <summary>tsh ls: the nodes the user's roles allow, optionally filtered by labels.</summary>
internal static class LsCommand
{
    public static Command Create(TshContext context)
    {
        var labels = new Argument<string[]>("labels") { Description = "Filter by labels, key=value.", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format") { Description = "Output format: text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("ls", "List remote SSH nodes.") { labels, format };
        command.SetAction(async (result, cancellationToken) =>
        {
            IReadOnlyList<WebNode> nodes = await ListAsync(context.Active(), LabelSelector.Parse(result.GetValue(labels) ?? []), cancellationToken);
            Console.Write(result.GetValue(format) == "json" ? NodeTable.Json(nodes) : NodeTable.Text(nodes));
            return 0;
        });
        return command;
    }

    /// <summary>GET /webapi/sites/{cluster}/nodes with the user's TLS certificate.</summary>
    public static async Task<IReadOnlyList<WebNode>> ListAsync(ActiveProfile active, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        using X509Certificate2 certificate = active.Keys.LoadTlsCertificate();
        using var api = new WebApiClient(active.Profile.WebProxyAddr, active.Profile.Insecure, certificate);
        return await api.GetNodesAsync(active.Profile.Cluster, labels, cancellationToken);
    }
}
