using System.Net.Sockets;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Agent;

/// <summary>
/// A client of the SSH agent protocol (draft-miller-ssh-agent; OpenSSH PROTOCOL.agent): lists,
/// adds and removes keys and asks the agent to sign. It talks to a Unix socket (by default the one
/// <c>SSH_AUTH_SOCK</c> names) or to any <see cref="Stream"/>, such as a forwarded agent channel.
/// The protocol has no request ids, so requests on one connection are sent one at a time.
/// </summary>
public sealed class SshAgentClient : IAsyncDisposable, IDisposable
{
    /// <summary>The environment variable OpenSSH uses to name the agent's socket.</summary>
    public const string AuthSocketVariable = "SSH_AUTH_SOCK";

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly SemaphoreSlim _requestLock = new(1, 1);
    private bool _broken;
    private bool _disposed;

    /// <summary>Talks to an agent over <paramref name="stream"/>, which is disposed with the client unless <paramref name="leaveOpen"/>.</summary>
    public SshAgentClient(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>
    /// Connects to the agent listening on the Unix socket <paramref name="socketPath"/>, or on the one
    /// <c>SSH_AUTH_SOCK</c> names when it is null.
    /// </summary>
    public static async Task<SshAgentClient> ConnectAsync(string? socketPath = null, CancellationToken cancellationToken = default)
    {
        socketPath ??= Environment.GetEnvironmentVariable(AuthSocketVariable);
        if (string.IsNullOrEmpty(socketPath))
        {
            throw new SshConnectionException($"no SSH agent: {AuthSocketVariable} is not set; start ssh-agent or give the agent's socket path");
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new SshConnectionException($"cannot connect to the SSH agent at {socketPath}: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new SshAgentClient(new NetworkStream(socket, ownsSocket: true));
    }

    /// <summary>SSH_AGENTC_REQUEST_IDENTITIES: the keys and certificates the agent holds, with their comments.</summary>
    public async Task<IReadOnlyList<SshAgentIdentity>> ListIdentitiesAsync(CancellationToken cancellationToken = default)
    {
        using SshWriter request = AgentFraming.Begin(AgentMessageNumber.RequestIdentities);
        using AgentMessage reply = await RequestAsync(request, "list its keys", AgentMessageNumber.IdentitiesAnswer, cancellationToken).ConfigureAwait(false);
        return ReadIdentities(reply.Payload);
    }

    /// <summary>
    /// SSH_AGENTC_SIGN_REQUEST: asks the agent to sign <paramref name="data"/> with the private key of
    /// <paramref name="key"/> (a public key or certificate it holds) and returns the RFC 4253 §6.6
    /// signature blob. <paramref name="flags"/> choose the RSA hash; see <see cref="SshAgentSigner"/>
    /// for a signer that picks them from the algorithm.
    /// </summary>
    public async Task<byte[]> SignAsync(SshPublicKey key, ReadOnlyMemory<byte> data, SshAgentSignFlags flags = SshAgentSignFlags.None, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        using SshWriter request = AgentFraming.Begin(AgentMessageNumber.SignRequest, key.Blob.Length + data.Length + 16);
        new AgentSignRequest(key.Blob, data.Span, flags).Write(request);
        using AgentMessage reply = await RequestAsync(request, $"sign with {key.KeyType} {key.Fingerprint}", AgentMessageNumber.SignResponse, cancellationToken).ConfigureAwait(false);
        return ReadSignature(reply.Payload);
    }

    /// <summary>
    /// SSH_AGENTC_ADD_IDENTITY, or SSH_AGENTC_ADD_ID_CONSTRAINED when <paramref name="lifetime"/> or
    /// <paramref name="requireConfirmation"/> is given: hands the agent a private key, with the
    /// certificate of that key when <paramref name="certificate"/> is not null. Adding a key the agent
    /// already holds replaces it.
    /// </summary>
    public async Task AddIdentityAsync(
        SshPrivateKey key,
        SshCertificate? certificate,
        string comment,
        TimeSpan? lifetime = null,
        bool requireConfirmation = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(comment);
        uint? seconds = null;
        if (lifetime is { } span)
        {
            // The constraint counts whole seconds: a part second is rounded up, never down to an earlier expiry.
            double total = Math.Ceiling(span.TotalSeconds);
            if (total is < 1 or > uint.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "an agent key lifetime is 1 second to 136 years");
            }

            seconds = (uint)total;
        }

        bool constrained = seconds is not null || requireConfirmation;
        using SshWriter request = AgentFraming.Begin(constrained ? AgentMessageNumber.AddIdConstrained : AgentMessageNumber.AddIdentity, 2048);
        AgentAddIdentityRequest.Write(request, key, certificate, comment, seconds, requireConfirmation);
        SshPublicKey identity = certificate ?? key.PublicKey;
        using AgentMessage reply = await RequestAsync(request, $"add {identity.KeyType} {identity.Fingerprint}", AgentMessageNumber.Success, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SSH_AGENTC_REMOVE_IDENTITY: removes one key or certificate identity.</summary>
    public async Task RemoveIdentityAsync(SshPublicKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        using SshWriter request = AgentFraming.Begin(AgentMessageNumber.RemoveIdentity, key.Blob.Length + 8);
        request.WriteString(key.Blob);
        using AgentMessage reply = await RequestAsync(request, $"remove {key.KeyType} {key.Fingerprint}", AgentMessageNumber.Success, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SSH_AGENTC_REMOVE_ALL_IDENTITIES: removes every key.</summary>
    public async Task RemoveAllIdentitiesAsync(CancellationToken cancellationToken = default)
    {
        using SshWriter request = AgentFraming.Begin(AgentMessageNumber.RemoveAllIdentities);
        using AgentMessage reply = await RequestAsync(request, "remove all keys", AgentMessageNumber.Success, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (MarkDisposed() && !_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (MarkDisposed() && !_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private bool MarkDisposed()
    {
        if (_disposed)
        {
            return false;
        }

        _disposed = true;
        return true;
    }

    /// <summary>
    /// Sends one request and reads its reply. SSH_AGENT_FAILURE becomes <see cref="SshAgentFailureException"/>.
    /// A transport error, a cancelled exchange or a reply that breaks the framing leaves the
    /// connection out of step with the agent: it is marked broken and every later call fails at once.
    /// </summary>
    private async Task<AgentMessage> RequestAsync(SshWriter request, string operation, AgentMessageNumber expected, CancellationToken cancellationToken)
    {
        await _requestLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        AgentMessage? reply;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_broken)
            {
                throw new SshConnectionException("the connection to the SSH agent broke on an earlier request; connect again");
            }

            try
            {
                await AgentFraming.WriteAsync(_stream, request, cancellationToken).ConfigureAwait(false);
                reply = await AgentFraming.ReadAsync(_stream, cancellationToken).ConfigureAwait(false)
                    ?? throw new SshConnectionException("the SSH agent closed the connection");
            }
            catch (IOException e)
            {
                _broken = true;
                throw new SshConnectionException($"lost the connection to the SSH agent: {e.Message}", e);
            }
            catch (Exception e) when (e is SshException or OperationCanceledException or ObjectDisposedException)
            {
                _broken = true;
                throw;
            }
        }
        finally
        {
            _requestLock.Release();
        }

        AgentMessageNumber number = reply.Number;
        if (number == expected)
        {
            return reply;
        }

        reply.Dispose();
        if (number is AgentMessageNumber.Failure)
        {
            throw new SshAgentFailureException(operation);
        }

        throw new SshProtocolException($"the SSH agent answered message {(byte)number} to a request to {operation}");
    }

    private static List<SshAgentIdentity> ReadIdentities(ReadOnlyMemory<byte> payload)
    {
        var reader = new SshReader(payload.Span[1..]);
        return AgentIdentitiesAnswer.Read(ref reader);
    }

    private static byte[] ReadSignature(ReadOnlyMemory<byte> payload)
    {
        var reader = new SshReader(payload.Span[1..]);
        byte[] signature = reader.ReadString().ToArray();
        reader.EnsureAtEnd("SSH_AGENT_SIGN_RESPONSE");
        return signature;
    }
}
