using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Auth;

/// <summary>
/// The server's authentication decisions. Override the methods you offer; each default refuses.
/// The library checks the protocol (signatures, attempt limits, timeouts); the application
/// decides who may log in. A public key callback runs only after the client proved possession of
/// the key, never on the unsigned query (the lesson of CVE-2024-45337).
/// </summary>
public abstract class SshServerAuthenticator
{
    /// <summary>The methods to offer the user, in order (sent in SSH_MSG_USERAUTH_FAILURE).</summary>
    public abstract IReadOnlyList<string> GetMethods(UserAuthContext context);

    /// <summary>
    /// The unsigned query step: may this key be tried? Answering true only lets the client go on to
    /// sign; it grants nothing. The default says yes for any key the algorithm list allows.
    /// </summary>
    public virtual ValueTask<bool> CanTryPublicKeyAsync(UserAuthContext context, SshPublicKey key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(true);

    /// <summary>The client signed with <paramref name="key"/> (a plain key or a certificate) and the signature verified.</summary>
    public virtual ValueTask<AuthResult> AuthenticatePublicKeyAsync(UserAuthContext context, SshPublicKey key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AuthResult.Failure);

    public virtual ValueTask<AuthResult> AuthenticatePasswordAsync(UserAuthContext context, string password, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AuthResult.Failure);

    public virtual ValueTask<AuthResult> AuthenticateKeyboardInteractiveAsync(UserAuthContext context, IKeyboardInteractiveExchange exchange, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AuthResult.Failure);

    /// <summary>The "none" method: success only for servers that need no authentication.</summary>
    public virtual ValueTask<AuthResult> AuthenticateNoneAsync(UserAuthContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AuthResult.Failure);
}
