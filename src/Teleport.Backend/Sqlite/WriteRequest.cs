namespace Teleport.Backend.Sqlite;

/// <summary>
/// One write waiting for the writer. Its outcome is decided inside a transaction but delivered
/// only after that transaction commits, so no caller hears "done" before the data is on disk.
/// </summary>
internal sealed class WriteRequest
{
    private readonly TaskCompletionSource<WriteResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WriteResult _result;
    private Exception? _failure;

    private WriteRequest(WriteKind kind, string key, CancellationToken cancellationToken)
    {
        Kind = kind;
        Key = key;
        CancellationToken = cancellationToken;
    }

    public WriteKind Kind { get; }

    /// <summary>The key written or deleted; the start of the range for DeleteRange.</summary>
    public string Key { get; }

    /// <summary>A private copy of the value to store (the caller's memory may change after the call).</summary>
    public byte[] Value { get; private init; } = [];

    public DateTimeOffset? Expires { get; private init; }

    /// <summary>The value CompareAndSwap expects to find.</summary>
    public byte[] Expected { get; private init; } = [];

    /// <summary>The exclusive end of DeleteRange's range.</summary>
    public string EndKey { get; private init; } = string.Empty;

    /// <summary>Honoured until the writer picks the request up; after that the write runs to its end.</summary>
    public CancellationToken CancellationToken { get; }

    public Task<WriteResult> Completion => _completion.Task;

    public static WriteRequest Store(WriteKind kind, Item item, CancellationToken cancellationToken) =>
        new(kind, item.Key, cancellationToken) { Value = item.Value.ToArray(), Expires = item.Expires };

    public static WriteRequest CompareAndSwap(Item expected, Item replacement, CancellationToken cancellationToken) =>
        new(WriteKind.CompareAndSwap, replacement.Key, cancellationToken)
        {
            Value = replacement.Value.ToArray(),
            Expires = replacement.Expires,
            Expected = expected.Value.ToArray(),
        };

    public static WriteRequest Delete(string key, CancellationToken cancellationToken) => new(WriteKind.Delete, key, cancellationToken);

    public static WriteRequest DeleteRange(string startKey, string endKey, CancellationToken cancellationToken) =>
        new(WriteKind.DeleteRange, startKey, cancellationToken) { EndKey = endKey };

    public static WriteRequest KeepAlive(string key, DateTimeOffset expires, CancellationToken cancellationToken) =>
        new(WriteKind.KeepAlive, key, cancellationToken) { Expires = expires };

    public static WriteRequest Sweep(CancellationToken cancellationToken) => new(WriteKind.Sweep, string.Empty, cancellationToken);

    /// <summary>Records the outcome inside the transaction; <see cref="Deliver"/> reports it after the commit.</summary>
    public void Decide(WriteResult result) => _result = result;

    /// <summary>Records a refusal (not found, already exists, compare failed) that changed nothing.</summary>
    public void Refuse(BackendException failure) => _failure = failure;

    public void Deliver()
    {
        if (_failure is null)
        {
            _completion.TrySetResult(_result);
        }
        else
        {
            _completion.TrySetException(_failure);
        }
    }

    /// <summary>The transaction did not commit: nothing of this request was applied.</summary>
    public void Fail(Exception failure) => _completion.TrySetException(failure);

    public void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
