namespace Teleport.Srv.Processes;

/// <summary>
/// How a session process ended: an exit code, or the signal that killed it (and whether it dumped
/// core), as SSH reports them with exit-status and exit-signal (RFC 4254 §6.10).
/// </summary>
public sealed record ProcessExit(int? ExitCode, int? Signal, bool CoreDumped)
{
    /// <summary>The RFC 4254 §6.10 name of <see cref="Signal"/> without "SIG" ("TERM"), or null for other signals.</summary>
    public string? SignalName => Signal switch
    {
        1 => "HUP",
        2 => "INT",
        3 => "QUIT",
        4 => "ILL",
        6 => "ABRT",
        8 => "FPE",
        9 => "KILL",
        10 => "USR1",
        11 => "SEGV",
        12 => "USR2",
        13 => "PIPE",
        14 => "ALRM",
        15 => "TERM",
        _ => null,
    };

    /// <summary>Decodes a waitpid status (WIFEXITED/WEXITSTATUS, WTERMSIG, WCOREDUMP).</summary>
    internal static ProcessExit FromWaitStatus(int status)
    {
        int termination = status & 0x7f;
        return termination == 0
            ? new ProcessExit((status >> 8) & 0xff, null, false)
            : new ProcessExit(null, termination, (status & 0x80) != 0);
    }
}
