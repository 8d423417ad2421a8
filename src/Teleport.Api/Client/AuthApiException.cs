using System.Net;

namespace Teleport.Api.Client;

/// <summary>
/// The Auth API refused a call. <see cref="Kind"/> says why in Teleport's terms (not found,
/// already exists, access denied, bad parameter, limit exceeded); the message is the server's,
/// written for the user.
/// </summary>
public sealed class AuthApiException : Exception
{
    public AuthApiException(HttpStatusCode status, string kind, string message) : base(message)
    {
        Status = status;
        Kind = kind;
    }

    public AuthApiException() { }

    public AuthApiException(string message) : base(message) { }

    public AuthApiException(string message, Exception innerException) : base(message, innerException) { }

    public HttpStatusCode Status { get; }

    /// <summary>One of <see cref="ErrorKinds"/>.</summary>
    public string Kind { get; } = ErrorKinds.Internal;

    public bool IsNotFound => Kind == ErrorKinds.NotFound;

    public bool IsAccessDenied => Kind == ErrorKinds.AccessDenied;

    public bool IsAlreadyExists => Kind == ErrorKinds.AlreadyExists;
}
