using Microsoft.Extensions.Logging;
using Teleport.Srv.Audit;
using Teleport.Srv.Cluster;
using Teleport.Srv.Presence;
using Teleport.Srv.Recording;

namespace Teleport.Srv;

/// <summary>What every connection and session of this node shares: its name and labels, the cluster cache, the audit log, recordings.</summary>
internal sealed class NodeContext(
    NodeServiceOptions options,
    string hostId,
    string clusterName,
    ClusterCache cluster,
    CommandLabels commandLabels,
    AuditEmitter audit,
    RecordingUploader recordings,
    ILoggerFactory loggerFactory)
{
    public NodeServiceOptions Options => options;

    public string HostId => hostId;

    public string ClusterName => clusterName;

    public string NodeName => options.NodeName;

    public TimeProvider Clock => options.Clock;

    public ClusterCache Cluster => cluster;

    public AuditEmitter Audit => audit;

    public RecordingUploader Recordings => recordings;

    public ILoggerFactory LoggerFactory => loggerFactory;

    /// <summary>Static labels and the latest command label results, as roles' node_labels see them.</summary>
    public IReadOnlyDictionary<string, string> Labels
    {
        get
        {
            var labels = new Dictionary<string, string>(options.Labels, StringComparer.Ordinal);
            foreach ((string name, string value) in commandLabels.Results)
            {
                labels[name] = value;
            }

            return labels;
        }
    }

    /// <summary>A new audit event with the fields every node event carries.</summary>
    public AuditEventBuilder Event(string type, string code) =>
        new AuditEventBuilder(type, code, Clock.GetUtcNow())
            .Set("server_id", hostId)
            .Set("server_hostname", options.NodeName)
            .Set("server_addr", options.AdvertiseAddr)
            .Set("namespace", "default");
}
