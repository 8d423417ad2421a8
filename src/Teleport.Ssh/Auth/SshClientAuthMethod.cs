namespace Teleport.Ssh.Auth;

/// <summary>One way the client can authenticate; tried in the order given in the client options.</summary>
public abstract class SshClientAuthMethod
{
    private protected SshClientAuthMethod() { }

    /// <summary>The RFC 4252 method name.</summary>
    public abstract string Name { get; }

    internal abstract ValueTask<ClientAuthOutcome> RunAsync(ClientAuthentication authentication, CancellationToken cancellationToken);
}
