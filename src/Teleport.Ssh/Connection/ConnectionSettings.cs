using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Teleport.Ssh.Connection;

/// <summary>What the connection layer takes from the client or server options.</summary>
internal sealed class ConnectionSettings
{
    /// <summary>Decides the peer's channel opens; without it every open is refused.</summary>
    public Func<ChannelOpenRequest, CancellationToken, Task>? ChannelOpenHandler { get; init; }

    /// <summary>Answers the peer's global requests other than keepalives.</summary>
    public Func<GlobalRequest, CancellationToken, ValueTask<GlobalRequestReply>>? GlobalRequestHandler { get; init; }

    public int MaxChannels { get; init; } = 256;

    /// <summary>OpenSSH's session window: 64 packets of 32 KiB.</summary>
    public uint LocalWindowSize { get; init; } = 2 * 1024 * 1024;

    public uint LocalMaxPacket { get; init; } = 32 * 1024;

    /// <summary>Send keepalive@openssh.com after this much silence; zero for never.</summary>
    public TimeSpan KeepAliveInterval { get; init; }

    /// <summary>Unanswered keepalives before the connection is dropped (sshd's ClientAliveCountMax).</summary>
    public int KeepAliveCountMax { get; init; } = 3;

    public ILogger Logger { get; init; } = NullLogger.Instance;
}
