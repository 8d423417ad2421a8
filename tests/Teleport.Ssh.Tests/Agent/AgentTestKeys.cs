using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Agent;

/// <summary>Keys shared by the agent tests (RSA generation is slow); tests never dispose them.</summary>
internal static class AgentTestKeys
{
    private static readonly Lazy<SshPrivateKey> LazyAuthority = new(() => SshPrivateKey.Generate());
    private static readonly Dictionary<string, Lazy<SshPrivateKey>> Keys = new()
    {
        [AlgorithmNames.Ed25519] = new(() => SshPrivateKey.Generate(AlgorithmNames.Ed25519)),
        [AlgorithmNames.Rsa] = new(() => SshPrivateKey.Generate(AlgorithmNames.Rsa, rsaBits: 2048)),
        [AlgorithmNames.EcdsaNistp256] = new(() => SshPrivateKey.Generate(AlgorithmNames.EcdsaNistp256)),
        [AlgorithmNames.EcdsaNistp384] = new(() => SshPrivateKey.Generate(AlgorithmNames.EcdsaNistp384)),
        [AlgorithmNames.EcdsaNistp521] = new(() => SshPrivateKey.Generate(AlgorithmNames.EcdsaNistp521)),
    };

    public static IEnumerable<string> KeyTypes => Keys.Keys;

    /// <summary>The certificate authority's key (Ed25519).</summary>
    public static SshPrivateKey Authority => LazyAuthority.Value;

    public static SshPrivateKey Get(string keyType) => Keys[keyType].Value;

    /// <summary>A user certificate for <paramref name="key"/>, valid for an hour around now.</summary>
    public static SshCertificate Certify(SshPrivateKey key, string keyId = "alice")
    {
        var builder = new SshCertificateBuilder(key.PublicKey, SshCertificateType.User)
        {
            KeyId = keyId,
            Serial = 7,
            ValidAfter = DateTimeOffset.UtcNow.AddMinutes(-5),
            ValidBefore = DateTimeOffset.UtcNow.AddHours(1),
        };
        builder.Principals.Add("alice");
        builder.WithDefaultUserExtensions();
        return builder.Sign(Authority);
    }

    /// <summary>The signature algorithms to try for a key, with the flags an agent needs for each.</summary>
    public static IEnumerable<(string Algorithm, Teleport.Ssh.Agent.SshAgentSignFlags Flags)> SignatureChoices(SshPublicKey key) =>
        key.SignatureAlgorithms.Select(algorithm => (algorithm, algorithm switch
        {
            AlgorithmNames.RsaSha2256 => Teleport.Ssh.Agent.SshAgentSignFlags.RsaSha2256,
            AlgorithmNames.RsaSha2512 => Teleport.Ssh.Agent.SshAgentSignFlags.RsaSha2512,
            _ => Teleport.Ssh.Agent.SshAgentSignFlags.None,
        }));
}
