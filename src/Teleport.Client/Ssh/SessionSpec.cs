namespace Teleport.Client.Ssh;

/// <summary>What to run on the node: a command, or a shell when <see cref="Command"/> is null.</summary>
public sealed class SessionSpec
{
    public string? Command { get; init; }

    /// <summary>Ask for a PTY (with $TERM and the local window size) and put the local terminal in raw mode.</summary>
    public bool Pty { get; init; }

    public bool ForwardAgent { get; init; }

    /// <summary>Forward stdin to the session; off for commands run on many nodes at once.</summary>
    public bool ForwardStdin { get; init; } = true;
}
