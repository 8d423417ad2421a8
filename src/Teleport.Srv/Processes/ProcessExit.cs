using Teleport.Ssh.Connection.Session;

namespace Teleport.Srv.Processes;

/// <summary>
/// How a session process ended: an exit code, or the signal that killed it (and whether it dumped
/// core), as SSH reports them with exit-status and exit-signal (RFC 4254 §6.10).
/// </summary>
public sealed record ProcessExit(int? ExitCode, int? Signal, bool CoreDumped)
{
    /// <summary>The RFC 4254 §6.10 name of <see cref="Signal"/> without "SIG" ("TERM"), or null for other signals.</summary>
    public string? SignalName => Signal is int signal ? SignalNames.Known(signal) : null;

    /// <summary>Decodes a waitpid status (WIFEXITED/WEXITSTATUS, WTERMSIG, WCOREDUMP).</summary>
    internal static ProcessExit FromWaitStatus(int status)
    {
        int termination = status & 0x7f;
        return termination == 0
            ? new ProcessExit((status >> 8) & 0xff, null, false)
            : new ProcessExit(null, termination, (status & 0x80) != 0);
    }
}
