namespace Teleport.Api.Types;

/// <summary>The <c>spec</c> of a <see cref="Server"/>.</summary>
public sealed record ServerSpec
{
    /// <summary><c>host:port</c> the node's SSH service listens on; empty for a node reached through a reverse tunnel.</summary>
    public string? Addr { get; init; }

    public string? Hostname { get; init; }

    public ValueMap<CommandLabel> CmdLabels { get; init; } = ValueMap<CommandLabel>.Empty;

    /// <summary>Whether the node is reached through a reverse tunnel to the proxy.</summary>
    public bool UseTunnel { get; init; }

    /// <summary>The Teleport version the node runs.</summary>
    public string? Version { get; init; }

    public ValueList<string> PublicAddrs { get; init; } = ValueList<string>.Empty;

    public string? PeerAddr { get; init; }

    public ValueList<string> ProxyIds { get; init; } = ValueList<string>.Empty;
}
