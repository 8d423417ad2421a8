namespace Teleport.Api.Rbac;

/// <summary>Which TCP port forwarding a user's roles permit (Teleport's SSHPortForwardMode).</summary>
public enum SshPortForwardMode
{
    /// <summary>Local and remote forwarding.</summary>
    On,

    /// <summary>No forwarding.</summary>
    Off,

    /// <summary>Only local forwarding (<c>ssh -L</c>, <c>direct-tcpip</c>).</summary>
    Local,

    /// <summary>Only remote forwarding (<c>ssh -R</c>, <c>tcpip-forward</c>).</summary>
    Remote,
}
