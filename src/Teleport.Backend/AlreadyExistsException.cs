namespace Teleport.Backend;

/// <summary>A create found the key already present and not expired.</summary>
public sealed class AlreadyExistsException(string key)
    : BackendException($"key {key} already exists", key);
