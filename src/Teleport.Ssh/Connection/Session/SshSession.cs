using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Connection.Session;

/// <summary>
/// The client side of a session channel (RFC 4254 §6): ask for a terminal, set variables, run a
/// command, a shell or a subsystem, and learn how it ended.
/// </summary>
public sealed class SshSession : IAsyncDisposable
{
    private readonly TaskCompletionSource<SessionExit> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SshChannel? _channel;

    private SshSession() { }

    /// <summary>The session's channel.</summary>
    public SshChannel Channel => _channel!;

    /// <summary>Completes with the exit status or signal, or with nulls if the channel closed without one.</summary>
    public Task<SessionExit> Exit => _exit.Task;

    internal static async Task<SshSession> OpenAsync(SshConnection connection, CancellationToken cancellationToken)
    {
        var session = new SshSession();
        session._channel = await connection.OpenChannelAsync(ChannelTypes.Session, ReadOnlyMemory<byte>.Empty, session.OnRequestAsync, cancellationToken).ConfigureAwait(false);
        _ = session._channel.Completion.ContinueWith(
            static (_, state) => ((SshSession)state!)._exit.TrySetResult(new SessionExit(null, null, false, null)),
            session,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return session;
    }

    public Task<bool> RequestPtyAsync(string term, int columns, int rows, IReadOnlyList<TerminalMode>? modes = null)
    {
        var request = new PtyRequest(term, (uint)columns, (uint)rows, 0, 0, modes ?? []);
        return Channel.SendRequestAsync(SessionRequestTypes.PtyRequest, wantReply: true, request.WriteTo);
    }

    public Task<bool> SetEnvironmentVariableAsync(string name, string value) =>
        Channel.SendRequestAsync(SessionRequestTypes.Env, wantReply: true, w =>
        {
            w.WriteString(name);
            w.WriteString(value);
        });

    /// <summary>Runs <paramref name="command"/>; throws if the server refuses.</summary>
    public async Task ExecAsync(string command)
    {
        if (!await Channel.SendRequestAsync(SessionRequestTypes.Exec, wantReply: true, w => w.WriteString(command)).ConfigureAwait(false))
        {
            throw new SshException($"the server refused to run \"{command}\"");
        }
    }

    public async Task StartShellAsync()
    {
        if (!await Channel.SendRequestAsync(SessionRequestTypes.Shell, wantReply: true, ReadOnlySpan<byte>.Empty).ConfigureAwait(false))
        {
            throw new SshException("the server refused to start a shell");
        }
    }

    public async Task StartSubsystemAsync(string name)
    {
        if (!await Channel.SendRequestAsync(SessionRequestTypes.Subsystem, wantReply: true, w => w.WriteString(name)).ConfigureAwait(false))
        {
            throw new SshException($"the server refused subsystem \"{name}\"");
        }
    }

    /// <summary>Asks the server to forward the agent (OpenSSH PROTOCOL.agent); it opens auth-agent channels back.</summary>
    public Task<bool> RequestAgentForwardingAsync() =>
        Channel.SendRequestAsync(SessionRequestTypes.AuthAgentRequest, wantReply: true, ReadOnlySpan<byte>.Empty);

    public void ChangeWindowSize(int columns, int rows) =>
        _ = Channel.SendRequestAsync(SessionRequestTypes.WindowChange, wantReply: false, w =>
        {
            w.WriteUInt32((uint)columns);
            w.WriteUInt32((uint)rows);
            w.WriteUInt32(0);
            w.WriteUInt32(0);
        });

    /// <summary>Delivers a signal, named without "SIG" (RFC 4254 §6.9).</summary>
    public void SendSignal(string signal) => _ = Channel.SendRequestAsync(SessionRequestTypes.Signal, wantReply: false, w => w.WriteString(signal));

    public ValueTask DisposeAsync() => Channel.DisposeAsync();

    private ValueTask<bool> OnRequestAsync(SshChannelRequest request, CancellationToken cancellationToken)
    {
        switch (request.RequestType)
        {
            case SessionRequestTypes.ExitStatus:
                var reader = new SshReader(request.Data.Span);
                _exit.TrySetResult(new SessionExit((int)reader.ReadUInt32(), null, false, null));
                return ValueTask.FromResult(true);
            case SessionRequestTypes.ExitSignal:
                _exit.TrySetResult(SessionRequests.ReadExitSignal(request.Data.Span));
                return ValueTask.FromResult(true);
            default:
                return ValueTask.FromResult(false);
        }
    }
}
