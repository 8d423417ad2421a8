using Microsoft.Extensions.Logging;

namespace Teleport.Backend.Internal;

/// <summary>The backend's log messages, one named method each, so hot paths format nothing unless enabled.</summary>
internal static partial class BackendLog
{
    [LoggerMessage(1, LogLevel.Warning, "watcher on {Prefixes} closed: more than {Capacity} events queued")]
    public static partial void WatcherOverflow(ILogger logger, string prefixes, int capacity);

    [LoggerMessage(2, LogLevel.Debug, "swept {Count} expired items")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(3, LogLevel.Warning, "expiry sweep failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "opened SQLite backend {Path}: {Count} items, revision {Revision}")]
    public static partial void SqliteOpened(ILogger logger, string path, long count, long revision);

    [LoggerMessage(5, LogLevel.Error, "SQLite write transaction of {Count} operations failed and was rolled back")]
    public static partial void SqliteBatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(6, LogLevel.Error, "SQLite rollback failed")]
    public static partial void SqliteRollbackFailed(ILogger logger, Exception exception);
}
