namespace Teleport.Api.Types;

/// <summary>
/// A role's <c>options.ssh_port_forwarding</c>: <c>local.enabled</c> and <c>remote.enabled</c>,
/// each unset, true or false. An explicit false in any role wins over allows (RFD 0168).
/// </summary>
public sealed record SshPortForwarding
{
    public bool? LocalEnabled { get; init; }

    public bool? RemoteEnabled { get; init; }
}
