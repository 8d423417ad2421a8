namespace Teleport.Ssh.Auth;

/// <summary>The server refused every method the client had; the message reads like OpenSSH's.</summary>
public sealed class SshAuthenticationException : SshException
{
    public SshAuthenticationException(IReadOnlyList<string> allowedMethods)
        : base($"Permission denied ({string.Join(',', allowedMethods)}).") => AllowedMethods = allowedMethods;

    public SshAuthenticationException() : this([]) { }

    public SshAuthenticationException(string message) : base(message) => AllowedMethods = [];

    public SshAuthenticationException(string message, Exception innerException) : base(message, innerException) => AllowedMethods = [];

    /// <summary>The methods the server said could continue.</summary>
    public IReadOnlyList<string> AllowedMethods { get; }
}
