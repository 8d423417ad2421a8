namespace Teleport.Ssh.Auth;

/// <summary>What an authentication callback decided for one attempt.</summary>
public sealed class AuthResult
{
    private AuthResult(AuthOutcome outcome, object? identity, IReadOnlyList<string>? nextMethods, string? message = null)
    {
        Outcome = outcome;
        Identity = identity;
        NextMethods = nextMethods;
        Message = message;
    }

    /// <summary>The attempt failed; the client may try another method.</summary>
    public static AuthResult Failure { get; } = new(AuthOutcome.Failure, null, null);

    public AuthOutcome Outcome { get; }

    /// <summary>What the application attaches to an authenticated connection (roles, certificate, login).</summary>
    public object? Identity { get; }

    /// <summary>
    /// Why a failure happened, in words the user can act on; sent as a USERAUTH_BANNER before the
    /// FAILURE (RFC 4252 §5.4 allows a banner at any time before success), which OpenSSH prints.
    /// </summary>
    public string? Message { get; }

    /// <summary>For partial success: the methods that must still succeed (RFC 4252 §5.1).</summary>
    public IReadOnlyList<string>? NextMethods { get; }

    /// <summary>The attempt failed for a reason the user should see (an expired certificate, a login the roles do not allow).</summary>
    public static AuthResult Denied(string message) => new(AuthOutcome.Failure, null, null, message);

    /// <summary>The user is authenticated; <paramref name="identity"/> is kept with the connection.</summary>
    public static AuthResult Success(object? identity = null) => new(AuthOutcome.Success, identity, null);

    /// <summary>This method succeeded but more are required, such as a second factor.</summary>
    public static AuthResult PartialSuccess(IReadOnlyList<string> nextMethods) => new(AuthOutcome.PartialSuccess, null, nextMethods);
}
