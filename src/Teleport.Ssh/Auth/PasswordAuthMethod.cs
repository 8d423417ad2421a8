using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Auth;

/// <summary>"password" (RFC 4252 §8). The password is asked for only when the method is tried.</summary>
public sealed class PasswordAuthMethod : SshClientAuthMethod
{
    private readonly Func<CancellationToken, ValueTask<string>> _getPassword;

    public PasswordAuthMethod(string password) : this(_ => ValueTask.FromResult(password)) { }

    public PasswordAuthMethod(Func<CancellationToken, ValueTask<string>> getPassword) =>
        _getPassword = getPassword ?? throw new ArgumentNullException(nameof(getPassword));

    public override string Name => AuthMethodNames.Password;

    internal override async ValueTask<ClientAuthOutcome> RunAsync(ClientAuthentication authentication, CancellationToken cancellationToken)
    {
        string password = await _getPassword(cancellationToken).ConfigureAwait(false);
        SshWriter request = SshWriter.ForPacket(MessageNumber.UserAuthRequest, 128 + password.Length);
        authentication.WriteRequestHeader(request, Name);
        request.WriteBoolean(false);
        request.WriteString(password);
        return await authentication.SendAndAwaitOutcomeAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
