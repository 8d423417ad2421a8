using Teleport.Ssh.Keys;

namespace Teleport.Proxy.Ssh;

/// <summary>A user the SSH proxy let in: the key id of their certificate, their roles and traits from its extensions.</summary>
internal sealed record ProxyUser(string UserName, SshCertificate Certificate, IReadOnlyList<string> Roles, IReadOnlyDictionary<string, IReadOnlyList<string>> Traits);
