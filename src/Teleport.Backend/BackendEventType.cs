namespace Teleport.Backend;

/// <summary>What a <see cref="BackendEvent"/> reports.</summary>
public enum BackendEventType
{
    /// <summary>The first event of every watch: the watcher is registered and will see every later change.</summary>
    Init,

    /// <summary>An item was created, updated, swapped or its lease extended; the event carries the stored item.</summary>
    Put,

    /// <summary>An item was deleted or expired; the event's item carries the key and the revision of the deletion.</summary>
    Delete,
}
