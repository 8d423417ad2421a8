using Teleport.Api.Client;
using Teleport.Proxy.Cluster;

namespace Teleport.Proxy.Web;

/// <summary>What the web API's handlers share: the proxy's options, its Auth client and its view of the cluster.</summary>
internal sealed record WebContext(ProxyServiceOptions Options, AuthClient Auth, ClusterCache Cluster);
