namespace Teleport.Backend;

/// <summary>
/// Ends a watch stream that fell too far behind (its queue overflowed) or whose backend closed.
/// Events were lost: subscribe again and re-read the state, as Teleport's watchers do.
/// </summary>
public sealed class WatcherClosedException(string prefixes, string reason)
    : BackendException($"watcher on {prefixes} closed: {reason}");
