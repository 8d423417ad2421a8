namespace Teleport.Proxy.ReverseTunnel;

/// <summary>Who is at the other end of a reverse tunnel: a node of this cluster, by its host id.</summary>
internal sealed record TunnelAgentIdentity(string HostId, string ClusterName);
