using Teleport.Ssh.Messages.Transport;
using Teleport.Ssh.Transport;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Auth;

/// <summary>
/// The client side of the authentication protocol (RFC 4252): requests the ssh-userauth service,
/// then tries each configured method the server still allows until one succeeds.
/// </summary>
internal sealed class ClientAuthentication
{
    private readonly SshTransport _transport;
    private readonly string _userName;
    private readonly Action<string>? _onBanner;

    public ClientAuthentication(SshTransport transport, string userName, IReadOnlyList<string> allowedPublicKeyAlgorithms, Action<string>? onBanner)
    {
        _transport = transport;
        _userName = userName;
        AllowedPublicKeyAlgorithms = allowedPublicKeyAlgorithms;
        _onBanner = onBanner;
    }

    public ReadOnlyMemory<byte> SessionId => _transport.SessionId;

    public IReadOnlyList<string> AllowedPublicKeyAlgorithms { get; }

    /// <summary>The server's server-sig-algs (RFC 8308 §3.1), when it sent them.</summary>
    public IReadOnlyList<string>? ServerSignatureAlgorithms =>
        _transport.PeerExtensions.TryGetValue("server-sig-algs", out string? value) ? value.Split(',') : null;

    public async Task RunAsync(IReadOnlyList<SshClientAuthMethod> methods, CancellationToken cancellationToken)
    {
        _transport.Send(new ServiceMessage(MessageNumber.ServiceRequest, ServiceMessage.UserAuth).Write());
        ReadOnlyMemory<byte> accept = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if ((MessageNumber)accept.Span[0] != MessageNumber.ServiceAccept)
        {
            throw new SshProtocolException($"expected SERVICE_ACCEPT, got message {accept.Span[0]}");
        }

        IReadOnlyList<string>? allowed = null;
        foreach (SshClientAuthMethod method in methods)
        {
            if (allowed is not null && !allowed.Contains(method.Name))
            {
                continue;
            }

            ClientAuthOutcome outcome = await method.RunAsync(this, cancellationToken).ConfigureAwait(false);
            if (outcome.Success)
            {
                return;
            }

            allowed = outcome.AllowedMethods;
        }

        throw new SshAuthenticationException(allowed ?? []);
    }

    /// <summary>user name, service and method: the start of every USERAUTH_REQUEST (RFC 4252 §5).</summary>
    public void WriteRequestHeader(SshWriter request, string method)
    {
        request.WriteString(_userName);
        request.WriteString(ServiceMessage.Connection);
        request.WriteString(method);
    }

    public void Send(SshWriter packet) => _transport.Send(packet);

    public async ValueTask<ClientAuthOutcome> SendAndAwaitOutcomeAsync(SshWriter request, CancellationToken cancellationToken)
    {
        _transport.Send(request);
        ReadOnlyMemory<byte> payload = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
        return ReadOutcome(payload.Span);
    }

    /// <summary>The next message, with banners passed to the application on the way (RFC 4252 §5.4).</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadOnlyMemory<byte> payload = await _transport.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if ((MessageNumber)payload.Span[0] != MessageNumber.UserAuthBanner)
            {
                return payload;
            }

            var reader = new SshReader(payload.Span);
            reader.ReadMessageNumber();
            _onBanner?.Invoke(reader.ReadUtf8());
        }
    }

    public static ClientAuthOutcome ReadOutcome(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload);
        switch (reader.ReadMessageNumber())
        {
            case MessageNumber.UserAuthSuccess:
                return ClientAuthOutcome.Succeeded;
            case MessageNumber.UserAuthFailure:
                string[] methods = reader.ReadNameList();
                bool partial = reader.ReadBoolean();
                return new ClientAuthOutcome(false, methods, partial);
            default:
                throw new SshProtocolException($"unexpected message {payload[0]} during authentication");
        }
    }
}
