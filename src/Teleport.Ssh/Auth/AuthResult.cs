namespace Teleport.Ssh.Auth;

/// <summary>What an authentication callback decided for one attempt.</summary>
public sealed class AuthResult
{
    private AuthResult(AuthOutcome outcome, object? identity, IReadOnlyList<string>? nextMethods)
    {
        Outcome = outcome;
        Identity = identity;
        NextMethods = nextMethods;
    }

    /// <summary>The attempt failed; the client may try another method.</summary>
    public static AuthResult Failure { get; } = new(AuthOutcome.Failure, null, null);

    public AuthOutcome Outcome { get; }

    /// <summary>What the application attaches to an authenticated connection (roles, certificate, login).</summary>
    public object? Identity { get; }

    /// <summary>For partial success: the methods that must still succeed (RFC 4252 §5.1).</summary>
    public IReadOnlyList<string>? NextMethods { get; }

    /// <summary>The user is authenticated; <paramref name="identity"/> is kept with the connection.</summary>
    public static AuthResult Success(object? identity = null) => new(AuthOutcome.Success, identity, null);

    /// <summary>This method succeeded but more are required, such as a second factor.</summary>
    public static AuthResult PartialSuccess(IReadOnlyList<string> nextMethods) => new(AuthOutcome.PartialSuccess, null, nextMethods);
}
