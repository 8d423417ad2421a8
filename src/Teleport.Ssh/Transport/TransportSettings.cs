using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Transport;

/// <summary>What the transport needs from the client or server options.</summary>
internal sealed class TransportSettings
{
    /// <summary>OpenSSH's PACKET_MAX_SIZE: the largest packet_length accepted.</summary>
    public const int DefaultMaxPacketLength = 256 * 1024;

    public required bool IsServer { get; init; }

    public required SshAlgorithms Algorithms { get; init; }

    /// <summary>Our identification string without CR LF (RFC 4253 §4.2).</summary>
    public string SoftwareVersion { get; init; } = "SSH-2.0-TeleportNET_0.1";

    /// <summary>Server only: the host keys, plain or certified.</summary>
    public IReadOnlyList<ISshSigner> HostKeys { get; init; } = [];

    /// <summary>Client only: decides whether to trust the server's host key or certificate.</summary>
    public Func<SshPublicKey, CancellationToken, ValueTask<bool>>? HostKeyVerifier { get; init; }

    /// <summary>Re-key after this many bytes in either direction (RFC 4253 §9 recommends 1 GiB).</summary>
    public long RekeyAfterBytes { get; init; } = 1L << 30;

    /// <summary>Re-key after this long (RFC 4253 §9 recommends one hour).</summary>
    public TimeSpan RekeyAfterTime { get; init; } = TimeSpan.FromHours(1);

    public int MaxPacketLength { get; init; } = DefaultMaxPacketLength;

    /// <summary>Bytes queued for sending beyond which <see cref="SshTransport.SendAsync"/> waits.</summary>
    public long MaxQueuedBytes { get; init; } = 1024 * 1024;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public ILogger Logger { get; init; } = NullLogger.Instance;
}
