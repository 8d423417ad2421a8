using Teleport.Ssh.Keys;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Agent;

/// <summary>
/// An SSH agent with an in-memory keyring, like OpenSSH's <c>ssh-agent</c> (draft-miller-ssh-agent):
/// serves any <see cref="Stream"/> (a forwarded agent channel) or listens on a Unix socket. Keys
/// can be added with a lifetime (measured by the injected <see cref="TimeProvider"/>) or with a
/// confirmation requirement (<see cref="ConfirmAsync"/>). It never makes SHA-1 <c>ssh-rsa</c>
/// signatures: an RSA sign request without an SHA-2 flag is answered with SSH_AGENT_FAILURE.
/// Disposing it closes every connection, removes its sockets and wipes its keys.
/// </summary>
public sealed partial class SshAgentServer : IAsyncDisposable, IDisposable
{
    private readonly AgentKeyring _keyring;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _lock = new();
    private readonly List<Task> _tasks = [];
    private readonly List<ListeningSocket> _listeners = [];
    private bool _disposed;

    public SshAgentServer(TimeProvider? timeProvider = null) => _keyring = new AgentKeyring(timeProvider ?? TimeProvider.System);

    /// <summary>
    /// Asked before each signature with a key added under SSH_AGENT_CONSTRAIN_CONFIRM; true allows it.
    /// When null, such keys are refused when added, since the constraint could not be honoured.
    /// </summary>
    public Func<SshAgentIdentity, CancellationToken, ValueTask<bool>>? ConfirmAsync { get; init; }

    /// <summary>The identities held now, as SSH_AGENTC_REQUEST_IDENTITIES lists them.</summary>
    public IReadOnlyList<SshAgentIdentity> Identities => _keyring.List();

    /// <summary>
    /// Adds a key directly, as SSH_AGENTC_ADD_IDENTITY would: the agent keeps its own copy, so the
    /// caller still owns and may dispose <paramref name="key"/>.
    /// </summary>
    public void AddIdentity(SshPrivateKey key, SshCertificate? certificate, string comment, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(comment);
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "a key lifetime must be positive");
        }

        using var encoded = new SshWriter(2048);
        AgentKeyEncoding.Write(encoded, key, certificate);
        var reader = new SshReader(encoded.WrittenSpan);
        if (!AgentKeyEncoding.TryRead(ref reader, out SshPrivateKey? copy, out SshCertificate? copiedCertificate, out string? refusal))
        {
            throw new ArgumentException(refusal, nameof(key));
        }

        _keyring.Add(new AgentKeyringEntry(copy!, copiedCertificate ?? copy!.PublicKey, comment, _keyring.Now + lifetime, confirm: false));
    }

    /// <summary>
    /// Serves one agent connection: reads a request, answers it, until the peer closes the stream.
    /// Malformed input (an oversized or truncated message, a malformed request) closes the
    /// connection. Only cancellation of <paramref name="cancellationToken"/> is thrown; the stream is
    /// disposed when serving ends. Disposing the server ends the connection and waits for it.
    /// </summary>
    public Task ServeAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CancellationToken shutdown;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            shutdown = _shutdown.Token;
        }

        // Started outside the lock: a stream that completes synchronously runs the loop right here.
        Task serving = ServeConnectionAsync(stream, shutdown, cancellationToken);
        lock (_lock)
        {
            // Disposal waits for every connection, so none is left using keys being wiped. One
            // started while disposal began sees the shutdown token cancelled and ends at once.
            _tasks.RemoveAll(t => t.IsCompleted);
            if (!_disposed)
            {
                _tasks.Add(serving);
            }
        }

        return serving;
    }

    private async Task ServeConnectionAsync(Stream stream, CancellationToken shutdown, CancellationToken cancellationToken)
    {
        await using (stream.ConfigureAwait(false))
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown);
            try
            {
                while (true)
                {
                    using AgentMessage? request = await AgentFraming.ReadAsync(stream, linked.Token).ConfigureAwait(false);
                    if (request is null)
                    {
                        return;
                    }

                    using SshWriter reply = await DispatchAsync(request.Payload, linked.Token).ConfigureAwait(false);
                    await AgentFraming.WriteAsync(stream, reply, linked.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The server is shutting down: the connection just ends.
            }
            catch (Exception e) when (e is SshProtocolException or IOException or ObjectDisposedException)
            {
                // A peer that breaks the protocol or goes away loses its connection, nothing more:
                // the agent has no channel to report an error on (draft-miller-ssh-agent, "Protocol Messages").
            }
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        Task[] tasks;
        ListeningSocket[] listeners;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            tasks = [.. _tasks];
            listeners = [.. _listeners];
            _listeners.Clear();
        }

        // Cancel first: a listener's accept loop tells shutdown from failure by this token.
        await _shutdown.CancelAsync().ConfigureAwait(false);
        foreach (ListeningSocket listener in listeners)
        {
            listener.Dispose();
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Connections whose own token was cancelled; they have ended all the same.
        }

        // _shutdown is left undisposed: a late ServeAsync or ListenAsync may still read its token.
        _keyring.Dispose();
    }
}
