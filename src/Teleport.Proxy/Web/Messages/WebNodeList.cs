namespace Teleport.Proxy.Web.Messages;

/// <summary>GET /webapi/sites/{cluster}/nodes: the nodes the user's roles allow, sorted by hostname.</summary>
public sealed record WebNodeList(IReadOnlyList<WebNode> Items);
