using Microsoft.Extensions.Logging;

namespace Teleport.Backend;

/// <summary>Settings every backend shares; the defaults are the production ones.</summary>
public class BackendOptions
{
    /// <summary>The clock expiry is judged by. Tests pass a manual one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How often expired items are removed (and their Delete events sent).
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns the background sweep off, for tests that sweep
    /// explicitly.
    /// </summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Events a watcher may have queued before it is closed as too slow (Teleport uses 1024 too).</summary>
    public int WatcherQueueCapacity { get; init; } = 1024;

    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Throws <see cref="BackendOptionsException"/> naming the first bad setting.</summary>
    public virtual void Validate()
    {
        if (TimeProvider is null)
        {
            throw new BackendOptionsException(nameof(TimeProvider), "a clock is required");
        }

        if (SweepInterval <= TimeSpan.Zero && SweepInterval != Timeout.InfiniteTimeSpan)
        {
            throw new BackendOptionsException(nameof(SweepInterval), $"must be positive or infinite, not {SweepInterval}");
        }

        if (WatcherQueueCapacity < 1)
        {
            throw new BackendOptionsException(nameof(WatcherQueueCapacity), $"must be at least 1, not {WatcherQueueCapacity}");
        }
    }
}
