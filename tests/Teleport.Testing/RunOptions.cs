namespace Teleport.Testing;

public sealed class RunOptions
{
    public string? AuthSocket { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public Stream? StandardInput { get; init; }

    public Stream? StandardOutput { get; init; }

    public TimeSpan? Timeout { get; init; }
}
