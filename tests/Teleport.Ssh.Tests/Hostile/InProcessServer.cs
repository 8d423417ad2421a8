using System.Net;
using Teleport.Ssh.Auth;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// An <see cref="SshServer"/> on 127.0.0.1 with handlers the test chooses, for cases the test
/// server's real shell and forwarding must not see. Anyone may log in as "none"; the user key
/// logs in the usual way.
/// </summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly SshServer _server;
    private readonly SshPrivateKey _userKey = SshPrivateKey.Generate();

    public InProcessServer(
        Func<ChannelOpenRequest, CancellationToken, Task> channelOpenHandler,
        Func<GlobalRequest, CancellationToken, ValueTask<GlobalRequestReply>>? globalRequestHandler = null)
    {
        _server = new SshServer(new SshServerOptions
        {
            HostKeys = [HostKey],
            Authenticator = new OpenAuthenticator(_userKey.PublicKey),
            ChannelOpenHandler = channelOpenHandler,
            GlobalRequestHandler = globalRequestHandler,
            LoginGraceTime = TimeSpan.FromSeconds(20),
        });
        _server.Start(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public SshPrivateKey HostKey { get; } = SshPrivateKey.Generate();

    public IPEndPoint EndPoint => _server.LocalEndPoint!;

    public Task<SshConnection> ConnectAsync() => SshClient.ConnectAsync(EndPoint.Address.ToString(), EndPoint.Port, new SshClientOptions
    {
        UserName = "tester",
        AuthMethods = [new PublicKeyAuthMethod(_userKey)],
        HostKeyVerifier = (key, _) => ValueTask.FromResult(key.Equals(HostKey.PublicKey)),
    });

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        HostKey.Dispose();
        _userKey.Dispose();
    }

    private sealed class OpenAuthenticator(SshPublicKey userKey) : SshServerAuthenticator
    {
        public override IReadOnlyList<string> GetMethods(UserAuthContext context) => [AuthMethodNames.PublicKey];

        public override ValueTask<AuthResult> AuthenticateNoneAsync(UserAuthContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AuthResult.Success());

        public override ValueTask<AuthResult> AuthenticatePublicKeyAsync(UserAuthContext context, SshPublicKey key, CancellationToken cancellationToken) =>
            ValueTask.FromResult(key.Equals(userKey) ? AuthResult.Success() : AuthResult.Failure);
    }
}
