using Teleport.Api.Types;
using Teleport.Ssh.Keys;

namespace Teleport.Proxy.Cluster;

/// <summary>One consistent view of the cluster, replaced whole at every refresh. <see cref="Roles"/> is null until the first fetch.</summary>
public sealed record ClusterSnapshot(
    string ClusterName,
    IReadOnlyDictionary<string, Role>? Roles,
    IReadOnlyList<SshPublicKey> UserCaKeys,
    IReadOnlyList<Server> Nodes,
    string SecondFactor);
