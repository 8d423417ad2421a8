namespace Teleport.Api.Config;

/// <summary><c>teleport.log</c>: where the process logs, how much, and in which form.</summary>
public sealed record LogConfig
{
    public const string Stderr = "stderr";
    public const string Stdout = "stdout";

    /// <summary>
    /// <c>output</c>: <see cref="Stderr"/> (the default), <see cref="Stdout"/>, or a file path.
    /// Teleport's other spellings (<c>error</c> and <c>2</c>, <c>out</c> and <c>1</c>) are read as these two.
    /// </summary>
    public string Output { get; init; } = Stderr;

    /// <summary><c>severity</c>; <c>INFO</c> by default, <c>DEBUG</c> with <c>teleport start -d</c>.</summary>
    public LogSeverity Severity { get; init; } = LogSeverity.Info;

    public LogFormat Format { get; init; } = new();

    /// <summary>Whether <see cref="Output"/> names a file rather than a standard stream.</summary>
    public bool OutputIsFile => Output is not Stderr and not Stdout;
}
