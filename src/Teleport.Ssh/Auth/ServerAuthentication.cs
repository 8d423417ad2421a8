using System.Net;
using Microsoft.Extensions.Logging;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Messages.Transport;
using Teleport.Ssh.Transport;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Auth;

/// <summary>
/// The server side of the authentication protocol (RFC 4252, RFC 4256): accepts the ssh-userauth
/// service, runs each attempt through the application's <see cref="SshServerAuthenticator"/>,
/// verifies public key signatures itself, enforces the attempt limit and a fixed user and service,
/// and returns the authenticated user.
/// </summary>
internal sealed class ServerAuthentication : IKeyboardInteractiveExchange
{
    private readonly SshTransport _transport;
    private readonly SshServerAuthenticator _authenticator;
    private readonly SshAlgorithms _algorithms;
    private readonly int _maxAttempts;
    private readonly string? _banner;
    private readonly EndPoint? _remoteEndPoint;
    private readonly ILogger _logger;
    private bool _inKeyboardInteractive;

    public ServerAuthentication(SshTransport transport, SshServerAuthenticator authenticator, SshAlgorithms algorithms, int maxAttempts, string? banner, EndPoint? remoteEndPoint, ILogger logger)
    {
        _transport = transport;
        _authenticator = authenticator;
        _algorithms = algorithms;
        _maxAttempts = maxAttempts;
        _banner = banner;
        _remoteEndPoint = remoteEndPoint;
        _logger = logger;
    }

    public async Task<(string UserName, object? Identity)> RunAsync(CancellationToken cancellationToken)
    {
        await AcceptServiceAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(_banner))
        {
            SendBanner(_banner);
        }

        string? userName = null;
        UserAuthContext? context = null;
        IReadOnlyList<string>? required = null;
        int failures = 0;
        while (true)
        {
            ReadOnlyMemory<byte> payload = await _transport.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            UserAuthRequest request = UserAuthRequest.Read(payload.Span);
            if (request.ServiceName != ServiceMessage.Connection)
            {
                throw new SshProtocolException(DisconnectReason.ServiceNotAvailable, $"unknown service \"{request.ServiceName}\"");
            }

            // OpenSSH refuses a change of user name mid-authentication; so do we.
            if (userName is not null && request.UserName != userName)
            {
                throw new SshProtocolException("changing the user name during authentication is not allowed");
            }

            userName = request.UserName;
            context ??= new UserAuthContext(userName, _remoteEndPoint, _transport.RemoteVersion, _transport.SessionId);
            IReadOnlyList<string> offered = required ?? _authenticator.GetMethods(context);

            AuthResult result;
            if (request.Method != AuthMethodNames.None && !offered.Contains(request.Method))
            {
                result = AuthResult.Failure;
            }
            else
            {
                AuthResult? attempt = await AttemptAsync(context, request, payload, cancellationToken).ConfigureAwait(false);
                if (attempt is null)
                {
                    continue; // a public key query, answered with PK_OK or FAILURE without counting
                }

                result = attempt;
            }

            switch (result.Outcome)
            {
                case AuthOutcome.Success:
                    _transport.Send(SshWriter.ForPacket(MessageNumber.UserAuthSuccess));
                    _logger.LogDebug("user {User} authenticated with {Method}", userName, request.Method);
                    return (userName, result.Identity);

                case AuthOutcome.PartialSuccess:
                    required = result.NextMethods ?? [];
                    SendFailure(required, partialSuccess: true);
                    break;

                default:
                    // RFC 4252 §5.2: the first "none" probe is how clients learn the methods; it is no failure.
                    if (request.Method != AuthMethodNames.None)
                    {
                        failures++;
                    }

                    if (failures >= _maxAttempts)
                    {
                        throw new SshProtocolException(DisconnectReason.NoMoreAuthMethodsAvailable, "too many authentication failures");
                    }

                    if (!string.IsNullOrEmpty(result.Message))
                    {
                        SendBanner(result.Message + "\r\n");
                    }

                    SendFailure(offered, partialSuccess: false);
                    break;
            }
        }
    }

    private async Task AcceptServiceAsync(CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> payload = await _transport.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if ((MessageNumber)payload.Span[0] != MessageNumber.ServiceRequest)
        {
            throw new SshProtocolException($"expected SERVICE_REQUEST, got message {payload.Span[0]}");
        }

        ServiceMessage request = ServiceMessage.Read(payload.Span);
        if (request.ServiceName != ServiceMessage.UserAuth)
        {
            throw new SshProtocolException(DisconnectReason.ServiceNotAvailable, $"service \"{request.ServiceName}\" is not available");
        }

        _transport.Send(new ServiceMessage(MessageNumber.ServiceAccept, ServiceMessage.UserAuth).Write());
    }

    /// <summary>Runs one attempt; null when it was a public key query that needs no count.</summary>
    private async ValueTask<AuthResult?> AttemptAsync(UserAuthContext context, UserAuthRequest request, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        switch (request.Method)
        {
            case AuthMethodNames.None:
                return await _authenticator.AuthenticateNoneAsync(context, cancellationToken).ConfigureAwait(false);

            case AuthMethodNames.Password:
                PasswordRequest password = PasswordRequest.Read(payload.Span, request.MethodDataOffset);
                return password.IsChange
                    ? AuthResult.Failure
                    : await _authenticator.AuthenticatePasswordAsync(context, password.Password, cancellationToken).ConfigureAwait(false);

            case AuthMethodNames.KeyboardInteractive:
                _inKeyboardInteractive = true;
                try
                {
                    return await _authenticator.AuthenticateKeyboardInteractiveAsync(context, this, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _inKeyboardInteractive = false;
                }

            case AuthMethodNames.PublicKey:
                return await AttemptPublicKeyAsync(context, request, payload, cancellationToken).ConfigureAwait(false);

            default:
                return AuthResult.Failure;
        }
    }

    private async ValueTask<AuthResult?> AttemptPublicKeyAsync(UserAuthContext context, UserAuthRequest request, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        PublicKeyRequest publicKey = PublicKeyRequest.Read(payload.Span, request.MethodDataOffset);
        SshPublicKey? key = null;
        if (_algorithms.PublicKeys.Contains(publicKey.Algorithm))
        {
            try
            {
                key = SshPublicKey.Parse(publicKey.KeyBlob);
            }
            catch (SshProtocolException e)
            {
                _logger.LogDebug("refusing malformed public key from {User}: {Error}", context.UserName, e.Message);
            }
        }

        if (key is null || !PublicKeyAlgorithms.Matches(key, publicKey.Algorithm))
        {
            if (!publicKey.HasSignature)
            {
                SendFailure(_authenticator.GetMethods(context), partialSuccess: false);
                return null;
            }

            return AuthResult.Failure;
        }

        if (!publicKey.HasSignature)
        {
            if (await _authenticator.CanTryPublicKeyAsync(context, key, cancellationToken).ConfigureAwait(false))
            {
                SshWriter ok = SshWriter.ForPacket(MessageNumber.UserAuthPkOk, publicKey.KeyBlob.Length + 64);
                ok.WriteString(publicKey.Algorithm);
                ok.WriteString(publicKey.KeyBlob);
                _transport.Send(ok);
            }
            else
            {
                SendFailure(_authenticator.GetMethods(context), partialSuccess: false);
            }

            return null;
        }

        // RFC 4252 §7: the signature covers the session id and the request up to the signature.
        using var signed = new SshWriter(payload.Length + 64);
        signed.WriteString(_transport.SessionId.Span);
        signed.WriteRaw(payload.Span[..publicKey.SignatureOffset]);
        string signatureAlgorithm = PublicKeyAlgorithms.SignatureAlgorithmFor(publicKey.Algorithm);
        if (!key.VerifySignature(signatureAlgorithm, signed.WrittenSpan, publicKey.Signature))
        {
            _logger.LogDebug("bad public key signature from {User} for {Fingerprint}", context.UserName, key.Fingerprint);
            return AuthResult.Failure;
        }

        // Only now, with possession proven, does the application see the key.
        return await _authenticator.AuthenticatePublicKeyAsync(context, key, cancellationToken).ConfigureAwait(false);
    }

    private void SendBanner(string message)
    {
        SshWriter banner = SshWriter.ForPacket(MessageNumber.UserAuthBanner, System.Text.Encoding.UTF8.GetByteCount(message) + 16);
        banner.WriteString(message);
        banner.WriteString(string.Empty);
        _transport.Send(banner);
    }

    private void SendFailure(IReadOnlyList<string> methods, bool partialSuccess)
    {
        SshWriter failure = SshWriter.ForPacket(MessageNumber.UserAuthFailure);
        failure.WriteNameList(methods);
        failure.WriteBoolean(partialSuccess);
        _transport.Send(failure);
    }

    async ValueTask<IReadOnlyList<string>> IKeyboardInteractiveExchange.AskAsync(string name, string instruction, IReadOnlyList<KeyboardInteractivePrompt> prompts, CancellationToken cancellationToken)
    {
        if (!_inKeyboardInteractive)
        {
            throw new InvalidOperationException("questions can only be asked during keyboard-interactive authentication");
        }

        SshWriter request = SshWriter.ForPacket(MessageNumber.UserAuthInfoRequest, 256);
        request.WriteString(name);
        request.WriteString(instruction);
        request.WriteString(string.Empty); // language tag
        request.WriteUInt32((uint)prompts.Count);
        foreach (KeyboardInteractivePrompt prompt in prompts)
        {
            request.WriteString(prompt.Prompt);
            request.WriteBoolean(prompt.Echo);
        }

        _transport.Send(request);
        ReadOnlyMemory<byte> payload = await _transport.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if ((MessageNumber)payload.Span[0] != MessageNumber.UserAuthInfoResponse)
        {
            throw new SshProtocolException($"expected USERAUTH_INFO_RESPONSE, got message {payload.Span[0]}");
        }

        var reader = new SshReader(payload.Span);
        reader.ReadMessageNumber();
        uint count = reader.ReadUInt32();
        if (count != prompts.Count)
        {
            throw new SshProtocolException($"USERAUTH_INFO_RESPONSE has {count} answers for {prompts.Count} prompts");
        }

        var answers = new string[count];
        for (int i = 0; i < answers.Length; i++)
        {
            answers[i] = reader.ReadUtf8(1024);
        }

        return answers;
    }
}
