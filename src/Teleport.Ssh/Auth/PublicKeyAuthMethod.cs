using Teleport.Ssh.Keys;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Auth;

/// <summary>
/// "publickey" with a key, a certificate or an agent key (RFC 4252 §7). The signed request goes
/// out directly, without the unsigned query, saving a round trip. For RSA keys the signature
/// algorithm follows the server's server-sig-algs (RFC 8332 §3.1); SHA-1 is never used.
/// </summary>
public sealed class PublicKeyAuthMethod(ISshSigner signer) : SshClientAuthMethod
{
    public override string Name => AuthMethodNames.PublicKey;

    public ISshSigner Signer { get; } = signer ?? throw new ArgumentNullException(nameof(signer));

    internal override async ValueTask<ClientAuthOutcome> RunAsync(ClientAuthentication authentication, CancellationToken cancellationToken)
    {
        string algorithm = ChooseAlgorithm(authentication);
        byte[] blob = Signer.PublicKey.ToBlob();
        using var request = SshWriter.ForPacket(MessageNumber.UserAuthRequest, blob.Length + 256);
        authentication.WriteRequestHeader(request, Name);
        request.WriteBoolean(true);
        request.WriteString(algorithm);
        request.WriteString(blob);

        // RFC 4252 §7: sign the session id followed by the request so far.
        using var signed = new SshWriter(request.Length + 64);
        signed.WriteString(authentication.SessionId.Span);
        signed.WriteRaw(request.WrittenSpan);
        byte[] signature = await Signer.SignAsync(PublicKeyAlgorithms.SignatureAlgorithmFor(algorithm), signed.WrittenMemory, cancellationToken).ConfigureAwait(false);

        SshWriter packet = SshWriter.ForPacket(MessageNumber.UserAuthRequest, request.Length + signature.Length + 16);
        packet.WriteRaw(request.WrittenSpan[1..]);
        packet.WriteString(signature);
        return await authentication.SendAndAwaitOutcomeAsync(packet, cancellationToken).ConfigureAwait(false);
    }

    private string ChooseAlgorithm(ClientAuthentication authentication)
    {
        IReadOnlyList<string> candidates = [.. PublicKeyAlgorithms.NamesFor(Signer.PublicKey).Where(authentication.AllowedPublicKeyAlgorithms.Contains)];
        if (candidates.Count == 0)
        {
            throw new SshOptionsException(nameof(SshAlgorithms.PublicKeys), $"no allowed algorithm for a {Signer.PublicKey.KeyType} key");
        }

        IReadOnlyList<string>? serverAlgorithms = authentication.ServerSignatureAlgorithms;
        if (serverAlgorithms is null)
        {
            return candidates[0];
        }

        return candidates.FirstOrDefault(a => serverAlgorithms.Contains(PublicKeyAlgorithms.SignatureAlgorithmFor(a))) ?? candidates[0];
    }
}
