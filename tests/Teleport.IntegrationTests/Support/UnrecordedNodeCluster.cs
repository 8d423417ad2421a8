namespace Teleport.IntegrationTests.Support;

/// <summary>A <see cref="NodeCluster"/> whose Auth says <c>session_recording: off</c>.</summary>
public sealed class UnrecordedNodeCluster : NodeCluster
{
    public UnrecordedNodeCluster()
        : base("off")
    {
    }
}
