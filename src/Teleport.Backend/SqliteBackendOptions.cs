namespace Teleport.Backend;

/// <summary>Where and how <see cref="SqliteBackend"/> keeps its database.</summary>
public sealed class SqliteBackendOptions : BackendOptions
{
    /// <summary>The database's file name inside <see cref="Directory"/>.</summary>
    public const string FileName = "sqlite.db";

    /// <summary>
    /// The directory that holds the database (Auth uses <c>&lt;data_dir&gt;/backend</c>); created
    /// with mode 0700 when missing. The database file is created with mode 0600.
    /// </summary>
    public required string Directory { get; init; }

    /// <summary>Read-only connections for concurrent reads (WAL lets them run beside the writer).</summary>
    public int ReadConnections { get; init; } = 4;

    /// <summary>How long a statement waits for a lock held by another connection before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most writes committed in one transaction (one fsync); each is still acknowledged only after the commit.</summary>
    public int MaxBatchSize { get; init; } = 512;

    /// <summary>Writes waiting for the writer before callers are made to wait too (backpressure).</summary>
    public int WriteQueueCapacity { get; init; } = 16384;

    /// <summary>The database file: <see cref="Directory"/>/<see cref="FileName"/>.</summary>
    public string DatabasePath => Path.Combine(Path.GetFullPath(Directory), FileName);

    public override void Validate()
    {
        base.Validate();
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new BackendOptionsException(nameof(Directory), "a directory is required");
        }

        if (ReadConnections is < 1 or > 64)
        {
            throw new BackendOptionsException(nameof(ReadConnections), $"must be between 1 and 64, not {ReadConnections}");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new BackendOptionsException(nameof(BusyTimeout), $"must be between zero and {int.MaxValue} ms, not {BusyTimeout}");
        }

        if (MaxBatchSize < 1)
        {
            throw new BackendOptionsException(nameof(MaxBatchSize), $"must be at least 1, not {MaxBatchSize}");
        }

        if (WriteQueueCapacity < 1)
        {
            throw new BackendOptionsException(nameof(WriteQueueCapacity), $"must be at least 1, not {WriteQueueCapacity}");
        }
    }
}
