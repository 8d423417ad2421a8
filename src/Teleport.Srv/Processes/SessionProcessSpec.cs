namespace Teleport.Srv.Processes;

/// <summary>What to run for a session, as whom, and on what terminal.</summary>
public sealed record SessionProcessSpec
{
    /// <summary>Absolute path of the program to execute, e.g. /bin/bash (no PATH search).</summary>
    public required string Program { get; init; }

    /// <summary>The full argv including argv[0]: ["-bash"] for a login shell, ["bash", "-c", "cmd"] for exec.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The program's environment. With a PTY, TERM is added from <see cref="PtyOptions.Term"/> unless present.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>The account to run as; anyone but <see cref="UnixUser.Current"/> needs this process to run as root.</summary>
    public required UnixUser User { get; init; }

    /// <summary>A pseudo-terminal for the program (fds 0-2 and controlling terminal), or null for socket pairs.</summary>
    public PtyOptions? Pty { get; init; }

    /// <summary>Our own executable (bin/teleport), re-executed as <c>teleport exec</c> to switch to another user.</summary>
    public required string HelperPath { get; init; }

    internal void Validate()
    {
        if (!Path.IsPathRooted(Program))
        {
            throw new SessionProcessException($"cannot run {Program}: the program must be an absolute path");
        }

        if (Arguments.Count == 0)
        {
            throw new SessionProcessException($"cannot run {Program}: argv is empty (it needs at least argv[0])");
        }

        foreach (string text in Arguments.Concat(Environment.Keys).Concat(Environment.Values).Append(Program))
        {
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                throw new SessionProcessException($"cannot run {Program}: an argument or environment variable contains a NUL byte");
            }
        }

        if (Environment.Keys.Any(name => name.Length == 0 || name.Contains('=', StringComparison.Ordinal)))
        {
            throw new SessionProcessException($"cannot run {Program}: an environment variable name is empty or contains '='");
        }
    }
}
