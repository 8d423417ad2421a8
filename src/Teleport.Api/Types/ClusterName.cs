namespace Teleport.Api.Types;

/// <summary>
/// The <c>cluster_name</c> resource (v2), one per cluster, named <c>cluster-name</c>: the
/// cluster's name (certificate principals end with it) and a random <c>cluster_id</c> set once.
/// </summary>
public sealed record ClusterName : IResource
{
    public const string DefaultVersion = "v2";

    /// <summary>The only name the resource has (Teleport's MetaNameClusterName).</summary>
    public const string ResourceName = "cluster-name";

    public string Kind => ResourceKinds.ClusterName;

    public string? SubKind { get; init; }

    public string Version { get; init; } = DefaultVersion;

    public Metadata Metadata { get; init; } = new() { Name = ResourceName };

    public ClusterNameSpec Spec { get; init; } = new();

    public static ClusterName Create(string clusterName, string clusterId) =>
        new() { Spec = new ClusterNameSpec { ClusterName = clusterName, ClusterId = clusterId } };

    public void Validate()
    {
        ResourceChecks.CheckVersion(Version, DefaultVersion);
        Metadata.Validate();
        if (Metadata.Name != ResourceName)
        {
            throw new ResourceValidationException("metadata.name", $"the cluster_name resource is always named \"{ResourceName}\"");
        }

        if (string.IsNullOrEmpty(Spec.ClusterName))
        {
            throw new ResourceValidationException("spec.cluster_name", "the cluster's name is required");
        }
    }
}
