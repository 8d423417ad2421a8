namespace Teleport.Backend.Sqlite;

/// <summary>What a write produced: the stored item (puts), or how many items it removed (deletes, sweeps).</summary>
internal readonly record struct WriteResult(Item? Item, int Count);
