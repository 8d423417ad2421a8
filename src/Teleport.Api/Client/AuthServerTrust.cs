using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Teleport.Api.Client;

/// <summary>
/// How the client decides to trust the Auth server's TLS certificate: it must chain to the
/// cluster's TLS CA (once known), or, before a host has joined, to a CA whose public key matches a
/// <c>ca_pin</c> (<c>sha256:</c> + hex SHA-256 of the CA's SubjectPublicKeyInfo, as Teleport prints it).
/// </summary>
public sealed class AuthServerTrust
{
    private AuthServerTrust(X509Certificate2Collection? authorities, IReadOnlyList<string>? pins, bool insecure)
    {
        Authorities = authorities;
        Pins = pins;
        Insecure = insecure;
    }

    public X509Certificate2Collection? Authorities { get; }

    public IReadOnlyList<string>? Pins { get; }

    /// <summary>Trust anything: only for a first join without a pin, and the caller must say so.</summary>
    public bool Insecure { get; }

    public static AuthServerTrust FromAuthorities(X509Certificate2Collection authorities) => new(authorities, null, insecure: false);

    public static AuthServerTrust FromPins(IReadOnlyList<string> pins) => new(null, pins, insecure: false);

    public static AuthServerTrust InsecureSkipVerify() => new(null, null, insecure: true);

    /// <summary>The pin of a CA certificate, in Teleport's form.</summary>
    public static string PinOf(X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(authority.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    internal bool Validate(X509Certificate2? certificate, X509Chain? presentedChain)
    {
        if (Insecure)
        {
            return true;
        }

        if (certificate is null)
        {
            return false;
        }

        if (Authorities is not null)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate);
        }

        // With pins only: the server sends its CA along; one of the chain's certificates must be
        // the pinned CA and must have signed the server certificate.
        if (Pins is not null && presentedChain is not null)
        {
            foreach (X509ChainElement element in presentedChain.ChainElements)
            {
                if (Pins.Contains(PinOf(element.Certificate), StringComparer.OrdinalIgnoreCase))
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(element.Certificate);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(certificate);
                }
            }
        }

        return false;
    }

    internal RemoteCertificateValidationCallback Callback => (_, certificate, chain, _) =>
        Validate(certificate as X509Certificate2, chain);
}
