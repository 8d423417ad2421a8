namespace Teleport.Backend.Sqlite;

/// <summary>The write operations the SQLite writer applies, one per contract method that changes data.</summary>
internal enum WriteKind
{
    Put,
    Create,
    Update,
    CompareAndSwap,
    Delete,
    DeleteRange,
    KeepAlive,
    Sweep,
}
