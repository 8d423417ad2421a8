using Microsoft.Extensions.Logging;
using Teleport.Ssh.Auth;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh;

/// <summary>Everything an <see cref="SshServer"/> needs; the defaults follow sshd's where it has one.</summary>
public sealed class SshServerOptions
{
    /// <summary>Host keys, plain or with host certificates; one per algorithm family is typical.</summary>
    public IList<ISshSigner> HostKeys { get; init; } = [];

    public SshAlgorithms Algorithms { get; init; } = new();

    /// <summary>Decides who may log in.</summary>
    public SshServerAuthenticator? Authenticator { get; init; }

    /// <summary>Handles channel opens (session, direct-tcpip...); without it, every channel is refused.</summary>
    public Func<ChannelOpenRequest, CancellationToken, Task>? ChannelOpenHandler { get; init; }

    /// <summary>Answers global requests such as tcpip-forward; keepalives are answered by the library.</summary>
    public Func<GlobalRequest, CancellationToken, ValueTask<GlobalRequestReply>>? GlobalRequestHandler { get; init; }

    /// <summary>
    /// Called once per connection when authentication has succeeded, before any channel can open:
    /// where the application attaches per-connection state and timers (idle timeout, certificate expiry).
    /// </summary>
    public Action<Connection.SshConnection>? ConnectionAuthenticated { get; init; }

    /// <summary>sshd's LoginGraceTime: time allowed for version exchange, key exchange and authentication.</summary>
    public TimeSpan LoginGraceTime { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>sshd's MaxAuthTries.</summary>
    public int MaxAuthTries { get; init; } = 6;

    /// <summary>Connections allowed at once before they authenticate; beyond it, new ones are closed at once.</summary>
    public int MaxUnauthenticatedConnections { get; init; } = 1000;

    /// <summary>Shown to the user before authentication (sshd's Banner).</summary>
    public string? Banner { get; init; }

    public int MaxChannelsPerConnection { get; init; } = 256;

    /// <summary>sshd's ClientAliveInterval; zero disables.</summary>
    public TimeSpan KeepAliveInterval { get; init; }

    /// <summary>sshd's ClientAliveCountMax.</summary>
    public int KeepAliveCountMax { get; init; } = 3;

    /// <summary>The identification string sent to clients.</summary>
    public string SoftwareVersion { get; init; } = "SSH-2.0-TeleportNET_0.1";

    /// <summary>Re-key after this many bytes either way; RFC 4253 §9 suggests 1 GiB.</summary>
    public long RekeyAfterBytes { get; init; } = 1L << 30;

    public ILoggerFactory? LoggerFactory { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="SshOptionsException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (HostKeys.Count == 0)
        {
            throw new SshOptionsException(nameof(HostKeys), "at least one host key is required");
        }

        if (Authenticator is null)
        {
            throw new SshOptionsException(nameof(Authenticator), "an authenticator is required");
        }

        if (LoginGraceTime <= TimeSpan.Zero)
        {
            throw new SshOptionsException(nameof(LoginGraceTime), "must be positive");
        }

        if (MaxAuthTries < 1)
        {
            throw new SshOptionsException(nameof(MaxAuthTries), "must be at least 1");
        }

        if (MaxUnauthenticatedConnections < 1)
        {
            throw new SshOptionsException(nameof(MaxUnauthenticatedConnections), "must be at least 1");
        }

        if (!SoftwareVersion.StartsWith("SSH-2.0-", StringComparison.Ordinal) || SoftwareVersion.Length > 253)
        {
            throw new SshOptionsException(nameof(SoftwareVersion), "must start with SSH-2.0- and fit in 253 characters");
        }

        Algorithms.Validate();
        if (!Algorithms.HostKeys.Any(a => HostKeys.Any(k => PublicKeyAlgorithms.Matches(k.PublicKey, a))))
        {
            throw new SshOptionsException(nameof(HostKeys), "no host key matches the host key algorithms");
        }
    }
}
