namespace Teleport.Client.WebApi;

/// <summary>The body of GET /webapi/sites/{cluster}/nodes.</summary>
public sealed record WebNodeList(IReadOnlyList<WebNode>? Items);
