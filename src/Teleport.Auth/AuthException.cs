using Teleport.Api.Client;

namespace Teleport.Auth;

/// <summary>
/// A refusal by the Auth service, with one of <see cref="ErrorKinds"/> (the API maps it to an HTTP
/// status) and a message for the user that never holds a secret.
/// </summary>
public sealed class AuthException : Exception
{
    public AuthException(string kind, string message) : base(message) => Kind = kind;

    public AuthException() : this(ErrorKinds.Internal, "internal error") { }

    public AuthException(string message) : this(ErrorKinds.BadParameter, message) { }

    public AuthException(string message, Exception innerException) : base(message, innerException) => Kind = ErrorKinds.BadParameter;

    public string Kind { get; }

    public static AuthException NotFound(string message) => new(ErrorKinds.NotFound, message);

    public static AuthException AlreadyExists(string message) => new(ErrorKinds.AlreadyExists, message);

    public static AuthException AccessDenied(string message) => new(ErrorKinds.AccessDenied, message);

    public static AuthException BadParameter(string message) => new(ErrorKinds.BadParameter, message);

    public static AuthException LimitExceeded(string message) => new(ErrorKinds.LimitExceeded, message);
}
