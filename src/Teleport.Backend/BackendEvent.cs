namespace Teleport.Backend;

/// <summary>
/// One change seen by a watcher. For <see cref="BackendEventType.Init"/> the item's key is empty and
/// its <see cref="Item.Revision"/> is the backend's revision when the watch started: every change
/// with a greater revision follows in the stream, and reads made after Init see every change up to
/// it (they may also see some later ones, whose events then arrive as well — compare revisions to
/// skip them).
/// </summary>
public sealed record BackendEvent(BackendEventType Type, Item Item);
