namespace Teleport.Client.Bench;

/// <summary>tsh bench ssh: how many sessions a second, for how long, running what where.</summary>
public sealed class BenchOptions
{
    public required string Login { get; init; }

    public required string Host { get; init; }

    public int Port { get; init; }

    public required string Command { get; init; }

    /// <summary>Sessions started per second.</summary>
    public int Rate { get; init; } = 10;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Run the command in a shell on a PTY (typed, then exit) instead of exec.</summary>
    public bool Interactive { get; init; }

    public void Validate()
    {
        if (Rate <= 0)
        {
            throw new ClientException("--rate must be positive");
        }

        if (Duration <= TimeSpan.Zero)
        {
            throw new ClientException("--duration must be positive");
        }
    }
}
