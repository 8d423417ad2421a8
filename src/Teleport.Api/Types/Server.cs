namespace Teleport.Api.Types;

/// <summary>
/// A <c>node</c> (v2): an SSH server in the cluster, as it heartbeats to the Auth service and as
/// <c>tctl get nodes</c> and <c>tctl nodes ls</c> show it. <c>metadata.name</c> is the host UUID,
/// <c>metadata.labels</c> its static labels, <c>spec.cmd_labels</c> its dynamic ones (a command
/// run every <c>period</c>, its output the label's value). Roles match <c>node_labels</c> against
/// <see cref="GetAllLabels"/>. <c>sub_kind</c> is <c>teleport</c> for Teleport's own SSH service
/// and <c>openssh</c> for a registered OpenSSH server.
/// </summary>
public sealed record Server : IResource
{
    public const string DefaultVersion = "v2";

    public string Kind => ResourceKinds.Node;

    public string? SubKind { get; init; }

    public string Version { get; init; } = DefaultVersion;

    public required Metadata Metadata { get; init; }

    public ServerSpec Spec { get; init; } = new();

    /// <summary>Static and command labels together; a command label wins over a static one of the same name, as in Teleport.</summary>
    public ValueMap<string> GetAllLabels()
    {
        if (Spec.CmdLabels.IsEmpty)
        {
            return Metadata.Labels;
        }

        var all = new Dictionary<string, string>(Metadata.Labels, StringComparer.Ordinal);
        foreach ((string name, CommandLabel label) in Spec.CmdLabels)
        {
            all[name] = label.Result;
        }

        return ValueMap.From(all);
    }

    public void Validate()
    {
        ResourceChecks.CheckVersion(Version, DefaultVersion);
        Metadata.Validate();
        ResourceChecks.CheckOneOf("sub_kind", SubKind, "teleport", "openssh", "openssh-ec2-ice");
        if (SubKind is "openssh" or "openssh-ec2-ice" && string.IsNullOrEmpty(Spec.Addr))
        {
            throw new ResourceValidationException("spec.addr", "an OpenSSH node needs the address it is reached at");
        }

        foreach ((string name, CommandLabel label) in Spec.CmdLabels)
        {
            string path = "spec.cmd_labels" + FieldPaths.Key(name);
            if (label.Command.IsEmpty)
            {
                throw new ResourceValidationException(path + ".command", "a command label needs a command");
            }

            if (label.Period < Duration.Zero)
            {
                throw new ResourceValidationException(path + ".period", $"{label.Period} is negative");
            }
        }
    }
}
