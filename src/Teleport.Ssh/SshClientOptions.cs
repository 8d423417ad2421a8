using Microsoft.Extensions.Logging;
using Teleport.Ssh.Auth;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh;

/// <summary>Everything <see cref="SshClient"/> needs to connect and log in.</summary>
public sealed class SshClientOptions
{
    public string UserName { get; init; } = string.Empty;

    /// <summary>Tried in order, skipping those the server does not allow.</summary>
    public IList<SshClientAuthMethod> AuthMethods { get; init; } = [];

    /// <summary>Decides whether to trust the server's host key or certificate (see known_hosts).</summary>
    public Func<SshPublicKey, CancellationToken, ValueTask<bool>>? HostKeyVerifier { get; init; }

    public SshAlgorithms Algorithms { get; init; } = new()
    {
        // Client preference: AES-GCM runs on AES-NI and is the fastest; ChaCha20 for the rest.
        Ciphers = [AlgorithmNames.Aes128Gcm, AlgorithmNames.Aes256Gcm, AlgorithmNames.ChaCha20Poly1305],
    };

    /// <summary>Bounds the TCP connect, key exchange and authentication together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Handles channels the server opens: forwarded-tcpip (ssh -R) and auth-agent (ssh -A).</summary>
    public Func<ChannelOpenRequest, CancellationToken, Task>? ChannelOpenHandler { get; init; }

    public Func<GlobalRequest, CancellationToken, ValueTask<GlobalRequestReply>>? GlobalRequestHandler { get; init; }

    /// <summary>Receives the server's pre-login banner.</summary>
    public Action<string>? BannerHandler { get; init; }

    /// <summary>ssh's ServerAliveInterval; zero disables.</summary>
    public TimeSpan KeepAliveInterval { get; init; }

    /// <summary>ssh's ServerAliveCountMax.</summary>
    public int KeepAliveCountMax { get; init; } = 3;

    public string SoftwareVersion { get; init; } = "SSH-2.0-TeleportNET_0.1";

    public long RekeyAfterBytes { get; init; } = 1L << 30;

    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Throws <see cref="SshOptionsException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(UserName))
        {
            throw new SshOptionsException(nameof(UserName), "a user name is required");
        }

        if (AuthMethods.Count == 0)
        {
            throw new SshOptionsException(nameof(AuthMethods), "at least one authentication method is required");
        }

        if (HostKeyVerifier is null)
        {
            throw new SshOptionsException(nameof(HostKeyVerifier), "a host key verifier is required: never trust a server blindly");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new SshOptionsException(nameof(ConnectTimeout), "must be positive");
        }

        Algorithms.Validate();
    }
}
