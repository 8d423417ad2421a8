namespace Teleport.Backend;

/// <summary>
/// A compare-and-swap found a different value under the key (or none): someone else wrote it since
/// it was read. Re-read and retry.
/// </summary>
public sealed class CompareFailedException(string key, string reason)
    : BackendException($"compare-and-swap of {key} failed: {reason}", key);
