namespace Teleport.Backend;

/// <summary>The base of every error a backend reports about the data; <see cref="Key"/> names the key concerned.</summary>
public class BackendException : Exception
{
    public BackendException(string message, string? key = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Key = key;
    }

    /// <summary>The key the operation was about, when there is one.</summary>
    public string? Key { get; }
}
