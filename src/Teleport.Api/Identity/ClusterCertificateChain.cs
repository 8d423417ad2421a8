using System.Security.Cryptography.X509Certificates;

namespace Teleport.Api.Identity;

/// <summary>
/// Whether a client's TLS certificate (a user's or a host's) comes from the cluster: issued
/// directly by one of the cluster's TLS CAs, nothing in between, and valid at the given time.
/// Auth and the proxy's web port accept client certificates by this one rule.
/// </summary>
public static class ClusterCertificateChain
{
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2Collection authorities, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(authorities);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (!chain.Build(certificate) || chain.ChainElements.Count != 2)
        {
            return false;
        }

        ReadOnlySpan<byte> root = chain.ChainElements[^1].Certificate.RawDataMemory.Span;
        foreach (X509Certificate2 authority in authorities)
        {
            if (root.SequenceEqual(authority.RawDataMemory.Span))
            {
                return true;
            }
        }

        return false;
    }
}
