using Teleport.Ssh.Auth;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh.TestServer;

/// <summary>
/// Authorized plain keys, certificates from trusted user CAs (the login must be a principal),
/// and passwords for password and keyboard-interactive logins.
/// </summary>
internal sealed class TestAuthenticator(TestServerConfiguration configuration) : SshServerAuthenticator
{
    private readonly SshCertificateChecker _checker = new(configuration.TrustedUserCas);

    public override IReadOnlyList<string> GetMethods(UserAuthContext context) =>
        [AuthMethodNames.PublicKey, AuthMethodNames.Password, AuthMethodNames.KeyboardInteractive];

    public override ValueTask<AuthResult> AuthenticatePublicKeyAsync(UserAuthContext context, SshPublicKey key, CancellationToken cancellationToken)
    {
        if (key is SshCertificate certificate)
        {
            CertificateCheckResult check = _checker.Check(certificate, SshCertificateType.User, context.UserName, context.RemoteAddress);
            return ValueTask.FromResult(check.IsValid ? AuthResult.Success(certificate) : AuthResult.Failure);
        }

        return ValueTask.FromResult(configuration.AuthorizedKeys.Contains(key) ? AuthResult.Success(key) : AuthResult.Failure);
    }

    public override ValueTask<AuthResult> AuthenticatePasswordAsync(UserAuthContext context, string password, CancellationToken cancellationToken) =>
        ValueTask.FromResult(IsPassword(context.UserName, password) ? AuthResult.Success() : AuthResult.Failure);

    public override async ValueTask<AuthResult> AuthenticateKeyboardInteractiveAsync(UserAuthContext context, IKeyboardInteractiveExchange exchange, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> answers = await exchange.AskAsync("", "", [new KeyboardInteractivePrompt("Password: ", Echo: false)], cancellationToken);
        return IsPassword(context.UserName, answers[0]) ? AuthResult.Success() : AuthResult.Failure;
    }

    private bool IsPassword(string user, string password) =>
        configuration.Passwords.TryGetValue(user, out string? expected)
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(password));
}
