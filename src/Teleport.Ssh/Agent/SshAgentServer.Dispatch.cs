using Teleport.Ssh.Keys;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Agent;

/// <summary>Answers one request (draft-miller-ssh-agent, "Protocol Messages"): parsing, keyring operations, replies.</summary>
public sealed partial class SshAgentServer
{
    /// <summary>
    /// Answers one request message (message number first, length prefix removed) and returns the
    /// framed reply, which the caller disposes. Requests the agent does not implement, keys or
    /// constraints it cannot take, unknown keys and SHA-1 signatures get SSH_AGENT_FAILURE; a
    /// malformed request throws <see cref="SshProtocolException"/> and nothing else.
    /// </summary>
    internal async ValueTask<SshWriter> DispatchAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (message.IsEmpty)
        {
            throw new SshProtocolException("empty agent message");
        }

        switch ((AgentMessageNumber)message.Span[0])
        {
            case AgentMessageNumber.RequestIdentities:
                return RequestIdentities(message.Span);
            case AgentMessageNumber.SignRequest:
                return await SignAsync(message, cancellationToken).ConfigureAwait(false);
            case AgentMessageNumber.AddIdentity:
                return AddIdentity(message.Span, constrained: false);
            case AgentMessageNumber.AddIdConstrained:
                return AddIdentity(message.Span, constrained: true);
            case AgentMessageNumber.RemoveIdentity:
                return RemoveIdentity(message.Span);
            case AgentMessageNumber.RemoveAllIdentities:
                return RemoveAllIdentities(message.Span);
            case AgentMessageNumber.Extension:
                return Extension(message.Span);
            default:
                // The draft has agents answer requests they do not support with SSH_AGENT_FAILURE:
                // smartcards, lock/unlock and protocol 1 messages among them.
                return Status(success: false);
        }
    }

    private static SshWriter Status(bool success) =>
        AgentFraming.Begin(success ? AgentMessageNumber.Success : AgentMessageNumber.Failure);

    /// <summary>The reader over a request's body, after its message number.</summary>
    private static SshReader Body(ReadOnlySpan<byte> message) => new(message[1..]);

    private SshWriter RequestIdentities(ReadOnlySpan<byte> message)
    {
        Body(message).EnsureAtEnd("SSH_AGENTC_REQUEST_IDENTITIES");
        List<SshAgentIdentity> identities = _keyring.List();
        SshWriter reply = AgentFraming.Begin(AgentMessageNumber.IdentitiesAnswer, 256 * (identities.Count + 1));
        AgentIdentitiesAnswer.Write(reply, identities);
        if (reply.Length - 4 <= AgentFraming.MaxMessageLength)
        {
            return reply;
        }

        // Clients refuse messages over the limit as we do: a keyring too large to list is an error, not a crash.
        reply.Dispose();
        return Status(success: false);
    }

    private async ValueTask<SshWriter> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (!TryFindSigningKey(message.Span, out AgentKeyringEntry? entry, out string? algorithm, out Range data))
        {
            return Status(success: false);
        }

        if (entry!.Confirm && !await ConfirmSignatureAsync(entry, cancellationToken).ConfigureAwait(false))
        {
            return Status(success: false);
        }

        byte[]? signature = _keyring.Sign(entry, algorithm!, message.Span[data]);
        if (signature is null)
        {
            return Status(success: false);
        }

        SshWriter reply = AgentFraming.Begin(AgentMessageNumber.SignResponse, signature.Length + 8);
        reply.WriteString(signature);
        return reply;
    }

    /// <summary>Parses SSH_AGENTC_SIGN_REQUEST and picks the key and algorithm; false for FAILURE.</summary>
    private bool TryFindSigningKey(ReadOnlySpan<byte> message, out AgentKeyringEntry? entry, out string? algorithm, out Range data)
    {
        var reader = Body(message);
        AgentSignRequest request = AgentSignRequest.Read(ref reader);

        // The data's place in the message, to find it again after the confirmation is awaited.
        int dataEnd = message.Length - 4;
        data = (dataEnd - request.Data.Length)..dataEnd;
        algorithm = null;
        entry = _keyring.Find(request.KeyBlob);
        if (entry is null)
        {
            return false;
        }

        algorithm = SignatureAlgorithmFor(entry.Identity, request.Flags);
        return algorithm is not null;
    }

    /// <summary>
    /// The signature algorithm for a key and the request's flags (draft-miller-ssh-agent, "Signature flags"):
    /// for RSA, SSH_AGENT_RSA_SHA2_256 then SSH_AGENT_RSA_SHA2_512 as OpenSSH checks them, and no
    /// flag, meaning SHA-1 <c>ssh-rsa</c>, is refused. Other keys have one algorithm and ignore flags.
    /// Certificates sign with their key's algorithm; the signature names the plain algorithm.
    /// </summary>
    private static string? SignatureAlgorithmFor(SshPublicKey identity, SshAgentSignFlags flags)
    {
        SshPublicKey key = identity is SshCertificate certificate ? certificate.Key : identity;
        if (key is not RsaPublicKey)
        {
            return key.SignatureAlgorithms[0];
        }

        if (flags.HasFlag(SshAgentSignFlags.RsaSha2256))
        {
            return AlgorithmNames.RsaSha2256;
        }

        return flags.HasFlag(SshAgentSignFlags.RsaSha2512) ? AlgorithmNames.RsaSha2512 : null;
    }

    private async ValueTask<bool> ConfirmSignatureAsync(AgentKeyringEntry entry, CancellationToken cancellationToken)
    {
        Func<SshAgentIdentity, CancellationToken, ValueTask<bool>>? confirm = ConfirmAsync;
        if (confirm is null)
        {
            return false;
        }

        try
        {
            return await confirm(entry.ToIdentity(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A confirmation that cannot be asked is a refusal, as ssh-agent treats a failed askpass.
            return false;
        }
    }

    private SshWriter AddIdentity(ReadOnlySpan<byte> message, bool constrained)
    {
        var reader = Body(message);
        if (!AgentAddIdentityRequest.TryRead(ref reader, constrained, out AgentAddIdentityRequest? request, out _))
        {
            return Status(success: false);
        }

        using (request)
        {
            if (request!.Confirm && ConfirmAsync is null)
            {
                return Status(success: false);
            }

            DateTimeOffset? expiresAt = request.LifetimeSeconds is { } seconds ? _keyring.Now.AddSeconds(seconds) : null;
            SshPublicKey identity = request.Identity;
            _keyring.Add(new AgentKeyringEntry(request.TakeKey(), identity, request.Comment, expiresAt, request.Confirm));
            return Status(success: true);
        }
    }

    private SshWriter RemoveIdentity(ReadOnlySpan<byte> message)
    {
        var reader = Body(message);
        ReadOnlySpan<byte> keyBlob = reader.ReadString();
        reader.EnsureAtEnd("SSH_AGENTC_REMOVE_IDENTITY");
        return Status(_keyring.Remove(keyBlob));
    }

    private SshWriter RemoveAllIdentities(ReadOnlySpan<byte> message)
    {
        Body(message).EnsureAtEnd("SSH_AGENTC_REMOVE_ALL_IDENTITIES");
        _keyring.RemoveAll();
        return Status(success: true);
    }

    /// <summary>
    /// SSH_AGENTC_EXTENSION (draft-miller-ssh-agent, "Extension mechanism"): <c>string</c> extension name, then its data. No extension is
    /// implemented, so every one gets SSH_AGENT_FAILURE, as the draft asks for unsupported extensions.
    /// OpenSSH's clients send <c>session-bind@openssh.com</c> (PROTOCOL.agent, section 1), which only
    /// matters to agents that enforce destination constraints, and carry on when it fails.
    /// </summary>
    private static SshWriter Extension(ReadOnlySpan<byte> message)
    {
        var reader = Body(message);
        reader.ReadString();
        return Status(success: false);
    }
}
