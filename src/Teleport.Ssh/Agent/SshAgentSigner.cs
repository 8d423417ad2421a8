using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Agent;

/// <summary>
/// Signs with a key an SSH agent holds, for public key authentication (RFC 4252 §7). The signature
/// algorithm becomes the sign request's flags (RFC 8332 §3.3: SSH_AGENT_RSA_SHA2_256/512 for
/// <c>rsa-sha2-256/512</c>); a certificate identity signs with its certified key's algorithm. The
/// agent's answer must name the algorithm asked for, so an agent can never slip in a SHA-1 signature.
/// </summary>
public sealed class SshAgentSigner : ISshSigner
{
    private readonly SshAgentClient _agent;

    public SshAgentSigner(SshAgentClient agent, SshPublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(publicKey);
        _agent = agent;
        PublicKey = publicKey;
    }

    public SshAgentSigner(SshAgentClient agent, SshAgentIdentity identity)
        : this(agent, identity?.PublicKey ?? throw new ArgumentNullException(nameof(identity)))
    {
    }

    /// <summary>The agent's identity: a plain key or a certificate.</summary>
    public SshPublicKey PublicKey { get; }

    public async ValueTask<byte[]> SignAsync(string signatureAlgorithm, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signatureAlgorithm);
        if (!PublicKey.SignatureAlgorithms.Contains(signatureAlgorithm))
        {
            throw new ArgumentException($"a {PublicKey.KeyType} key cannot sign with {signatureAlgorithm}", nameof(signatureAlgorithm));
        }

        SshAgentSignFlags flags = signatureAlgorithm switch
        {
            AlgorithmNames.RsaSha2256 => SshAgentSignFlags.RsaSha2256,
            AlgorithmNames.RsaSha2512 => SshAgentSignFlags.RsaSha2512,
            _ => SshAgentSignFlags.None,
        };
        byte[] signature = await _agent.SignAsync(PublicKey, data, flags, cancellationToken).ConfigureAwait(false);
        if (!SshSignature.TryDecode(signature, out string algorithm, out _) || algorithm != signatureAlgorithm)
        {
            throw new SshException($"the SSH agent signed with \"{algorithm}\" when {signatureAlgorithm} was asked for");
        }

        return signature;
    }
}
