using Teleport.Ssh.Crypto.Ciphers;
using Teleport.Ssh.Crypto.KeyExchange;

namespace Teleport.Ssh;

/// <summary>
/// The algorithms a client or server offers, best first. The defaults are the set that ssh-audit
/// 2.5 grades without a failure or warning: X25519 and 4096-bit DH key exchange, AEAD ciphers,
/// EtM MACs. NIST curves, the 2048-bit DH group and AES-CTR are available for setups that require
/// them (FIPS-style policies) by listing them explicitly.
/// </summary>
public sealed class SshAlgorithms
{
    /// <summary>Every key exchange method this library implements, for opting in.</summary>
    public static readonly IReadOnlyList<string> SupportedKeyExchange =
    [
        AlgorithmNames.Curve25519Sha256, AlgorithmNames.Curve25519Sha256LibSsh,
        AlgorithmNames.EcdhSha2Nistp256, AlgorithmNames.EcdhSha2Nistp384, AlgorithmNames.EcdhSha2Nistp521,
        AlgorithmNames.DiffieHellmanGroup16Sha512, AlgorithmNames.DiffieHellmanGroup14Sha256,
    ];

    /// <summary>Every cipher this library implements, for opting in.</summary>
    public static readonly IReadOnlyList<string> SupportedCiphers =
    [
        AlgorithmNames.ChaCha20Poly1305, AlgorithmNames.Aes128Gcm, AlgorithmNames.Aes256Gcm,
        AlgorithmNames.Aes128Ctr, AlgorithmNames.Aes192Ctr, AlgorithmNames.Aes256Ctr,
    ];

    /// <summary>Every MAC this library implements.</summary>
    public static readonly IReadOnlyList<string> SupportedMacs = [AlgorithmNames.HmacSha256Etm, AlgorithmNames.HmacSha512Etm];

    /// <summary>Every host key and user key algorithm this library implements.</summary>
    public static readonly IReadOnlyList<string> SupportedPublicKeyAlgorithms =
    [
        AlgorithmNames.Ed25519Cert, AlgorithmNames.EcdsaNistp256Cert, AlgorithmNames.EcdsaNistp384Cert, AlgorithmNames.EcdsaNistp521Cert,
        AlgorithmNames.RsaSha2512Cert, AlgorithmNames.RsaSha2256Cert,
        AlgorithmNames.Ed25519, AlgorithmNames.EcdsaNistp256, AlgorithmNames.EcdsaNistp384, AlgorithmNames.EcdsaNistp521,
        AlgorithmNames.RsaSha2512, AlgorithmNames.RsaSha2256,
    ];

    public IList<string> KeyExchange { get; init; } =
        [AlgorithmNames.Curve25519Sha256, AlgorithmNames.Curve25519Sha256LibSsh, AlgorithmNames.DiffieHellmanGroup16Sha512];

    public IList<string> Ciphers { get; init; } =
        [AlgorithmNames.ChaCha20Poly1305, AlgorithmNames.Aes256Gcm, AlgorithmNames.Aes128Gcm];

    public IList<string> Macs { get; init; } = [AlgorithmNames.HmacSha256Etm, AlgorithmNames.HmacSha512Etm];

    /// <summary>
    /// Host key algorithms: for a server, which of its host keys' algorithms to offer (in this
    /// order); for a client, which it accepts from servers and in what order.
    /// </summary>
    public IList<string> HostKeys { get; init; } = [.. SupportedPublicKeyAlgorithms];

    /// <summary>Algorithms a server accepts, or a client uses, for public key user authentication.</summary>
    public IList<string> PublicKeys { get; init; } = [.. SupportedPublicKeyAlgorithms];

    /// <summary>Throws <see cref="SshOptionsException"/> naming the first list that is empty or holds an unknown name.</summary>
    public void Validate()
    {
        Check(nameof(KeyExchange), KeyExchange, n => KeyExchangeAlgorithms.Find(n) is not null);
        Check(nameof(Ciphers), Ciphers, n => CipherAlgorithm.Find(n) is not null);
        Check(nameof(HostKeys), HostKeys, SupportedPublicKeyAlgorithms.Contains);
        Check(nameof(PublicKeys), PublicKeys, SupportedPublicKeyAlgorithms.Contains);
        foreach (string mac in Macs)
        {
            if (MacAlgorithm.Find(mac) is null)
            {
                throw new SshOptionsException(nameof(Macs), $"unsupported algorithm \"{mac}\"");
            }
        }

        if (Ciphers.Any(c => !CipherAlgorithm.Find(c)!.IsAead) && Macs.Count == 0)
        {
            throw new SshOptionsException(nameof(Macs), "a non-AEAD cipher is listed but no MAC");
        }
    }

    private static void Check(string field, IList<string> names, Func<string, bool> isSupported)
    {
        if (names.Count == 0)
        {
            throw new SshOptionsException(field, "the list is empty");
        }

        foreach (string name in names)
        {
            if (!isSupported(name))
            {
                throw new SshOptionsException(field, $"unsupported algorithm \"{name}\"");
            }
        }
    }
}
