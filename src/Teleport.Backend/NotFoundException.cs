namespace Teleport.Backend;

/// <summary>The key does not exist (or has expired), and the operation needs it to.</summary>
public sealed class NotFoundException(string key)
    : BackendException($"key {key} is not found", key);
