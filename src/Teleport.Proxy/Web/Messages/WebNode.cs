namespace Teleport.Proxy.Web.Messages;

/// <summary>One node of GET /webapi/sites/{cluster}/nodes: its UUID, name, address, labels (static and command) and the logins the user may use on it.</summary>
public sealed record WebNode(string Id, string Hostname, string Addr, bool Tunnel, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> SshLogins);
