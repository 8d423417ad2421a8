using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Teleport.Client.Terminal;
using Teleport.Ssh;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;

namespace Teleport.Client.Ssh;

/// <summary>
/// Runs one session on a node and copies stdin, stdout and stderr; with a PTY, the local terminal is
/// raw for the session's life (restored on every exit path) and SIGWINCH becomes window-change.
/// </summary>
public static class SessionRunner
{
    /// <summary>tsh's exit code when the remote side ended by a signal or without a status, as ssh's 255.</summary>
    public const int NoExitStatus = 255;

    public static async Task<SessionExit> RunAsync(SshConnection node, SessionSpec spec, Stream stdin, Stream stdout, Stream stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(stdin);
        SshSession session = await node.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable sessionScope = session.ConfigureAwait(false);
        if (spec.ForwardAgent && !await session.RequestAgentForwardingAsync().ConfigureAwait(false))
        {
            await stderr.WriteAsync("WARNING: the node refused agent forwarding\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }

        RawMode? raw = null;
        PosixSignalRegistration? resize = null;
        var restoreOnSignal = new List<PosixSignalRegistration>();
        try
        {
            if (spec.Pty)
            {
                (int columns, int rows) = LocalTerminal.Size();
                string term = Environment.GetEnvironmentVariable("TERM") is { Length: > 0 } t ? t : "xterm";
                if (!await session.RequestPtyAsync(term, columns, rows).ConfigureAwait(false))
                {
                    throw new ClientException("the node refused a terminal (PTY)");
                }

                if (LocalTerminal.IsInputTerminal)
                {
                    raw = LocalTerminal.EnterRawMode();
                    RawMode terminal = raw;

                    // Killed while raw, the shell behind tsh must not be left without echo.
                    foreach (PosixSignal signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
                    {
                        restoreOnSignal.Add(PosixSignalRegistration.Create(signal, _ => terminal.Dispose()));
                    }

                    resize = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, context =>
                    {
                        context.Cancel = true;
                        (int c, int r) = LocalTerminal.Size();
                        session.ChangeWindowSize(c, r);
                    });
                }
            }

            if (spec.Command is null)
            {
                await session.StartShellAsync().ConfigureAwait(false);
            }
            else
            {
                await session.ExecAsync(spec.Command).ConfigureAwait(false);
            }

            if (spec.ForwardStdin)
            {
                _ = Task.Run(() => PumpStdinAsync(stdin, session.Channel), CancellationToken.None);
            }
            else
            {
                session.Channel.SendEof();
            }

            Task output = CopyAsync(session.Channel.GetStream(), stdout);
            Task errors = CopyAsync(session.Channel.GetExtendedStream(), stderr);
            await Task.WhenAll(output, errors).WaitAsync(cancellationToken).ConfigureAwait(false);

            // The exit status arrives before the channel closes; give a slow close a moment, no more.
            await Task.WhenAny(session.Exit, session.Channel.Completion).ConfigureAwait(false);
            return await session.Exit.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            resize?.Dispose();
            restoreOnSignal.ForEach(r => r.Dispose());
            raw?.Dispose();
        }
    }

    /// <summary>tsh's exit code for how the remote side ended, and the message to print, if any.</summary>
    public static (int Code, string? Message) ExitCodeOf(SessionExit exit)
    {
        ArgumentNullException.ThrowIfNull(exit);
        if (exit.ExitCode is int code)
        {
            return (code, null);
        }

        if (exit.Signal is not null)
        {
            string detail = string.IsNullOrEmpty(exit.ErrorMessage) ? string.Empty : ": " + exit.ErrorMessage;
            return (NoExitStatus, $"the remote command was terminated by signal {exit.Signal}{(exit.CoreDumped ? " (core dumped)" : string.Empty)}{detail}");
        }

        return (NoExitStatus, "the session ended without an exit status");
    }

    private static async Task PumpStdinAsync(Stream stdin, SshChannel channel)
    {
        byte[] buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stdin.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await channel.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }

            channel.SendEof();
        }
        catch (Exception e) when (e is IOException or SshException or ObjectDisposedException or InvalidOperationException)
        {
            // The session ended first (or stdin broke): nothing more to send.
        }
    }

    private static async Task CopyAsync(Stream from, Stream to)
    {
        byte[] buffer = new byte[32 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                await to.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SshException or ObjectDisposedException)
        {
            // The connection broke: the exit (or its absence) says the rest.
        }
        finally
        {
            await to.FlushAsync().ConfigureAwait(false);
        }
    }
}
