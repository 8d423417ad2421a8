using Microsoft.AspNetCore.Http;
using Teleport.Api.Types;
using Teleport.Proxy.Routing;
using Teleport.Proxy.Web.Messages;

namespace Teleport.Proxy.Web.Endpoints;

/// <summary>
/// GET /webapi/sites/{cluster}/nodes[?labels=k=v,k2=v2] (tsh ls): the nodes the user's roles allow,
/// deny first, with the logins allowed on each. Authenticated by the user's TLS certificate.
/// A person asking wants what is there now (a node that started a second ago, as after the
/// quickstart's <c>teleport start</c>): the cache is refreshed first, at most once a second.
/// </summary>
internal static class NodesEndpoint
{
    public static void Map(WebRouter router)
    {
        WebContext web = router.Web;
        router.Map("GET", "/webapi/sites/{cluster}/nodes", async context =>
        {
            await web.Cluster.RefreshSoonAsync(context.RequestAborted).ConfigureAwait(false);
            Cluster.ClusterSnapshot cluster = web.Cluster.Current;
            string site = WebRouter.Route(context, "cluster");
            if (!string.Equals(site, cluster.ClusterName, StringComparison.Ordinal))
            {
                throw WebApiException.NotFound($"cluster \"{site}\" not found (this proxy serves {cluster.ClusterName})");
            }

            WebUser user = WebUser.From(context.Connection.ClientCertificate, cluster.ClusterName);
            IReadOnlyDictionary<string, string> wanted = ParseLabels(context.Request.Query["labels"].ToString());
            UserAccess access = UserAccess.For(user.Name, user.Roles, user.Traits, cluster);
            var items = new List<WebNode>();
            foreach (Server node in cluster.Nodes)
            {
                ValueMap<string> labels = node.GetAllLabels();
                if (!wanted.All(w => labels.TryGetValue(w.Key, out string? value) && value == w.Value))
                {
                    continue;
                }

                IReadOnlyList<string> logins = access.LoginsOn(node);
                if (logins.Count > 0)
                {
                    items.Add(new WebNode(node.Metadata.Name, node.Spec.Hostname ?? string.Empty, node.Spec.Addr ?? string.Empty, node.Spec.UseTunnel, labels.ToDictionary(StringComparer.Ordinal), logins));
                }
            }

            items.Sort((a, b) => string.CompareOrdinal(a.Hostname, b.Hostname) is var byName and not 0 ? byName : string.CompareOrdinal(a.Id, b.Id));
            await context.WriteJsonAsync(new WebNodeList(items), WebJsonContext.Default.WebNodeList).ConfigureAwait(false);
        });
    }

    /// <summary><c>k=v,k2=v2</c>, Teleport's label selector in a query string.</summary>
    internal static IReadOnlyDictionary<string, string> ParseLabels(string text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw WebApiException.BadParameter($"label \"{pair}\" must be key=value");
            }

            labels[pair[..equals]] = pair[(equals + 1)..];
        }

        return labels;
    }
}
