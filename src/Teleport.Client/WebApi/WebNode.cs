namespace Teleport.Client.WebApi;

/// <summary>One node from GET /webapi/sites/{cluster}/nodes.</summary>
public sealed record WebNode(string Id, string Hostname, string? Addr, bool Tunnel, IReadOnlyDictionary<string, string>? Labels, IReadOnlyList<string>? SshLogins);
