using Teleport.Ssh.Keys;

namespace Teleport.Client.Profiles;

/// <summary>
/// The <c>@cert-authority</c> lines tsh keeps in <c>~/.tsh/known_hosts</c> so that both tsh and
/// OpenSSH (through <c>tsh config</c>) trust hosts the cluster's host CA signed.
/// </summary>
public static class KnownHostsLines
{
    /// <summary>
    /// The host patterns: every node as <c>*.cluster</c>, and the bracketed form OpenSSH looks up
    /// for ports other than 22 (<c>[node.cluster]:3022</c>), plus the proxy itself.
    /// </summary>
    public static IReadOnlyList<string> PatternsFor(string cluster, string proxyHost) =>
        [$"*.{cluster}", $"[*.{cluster}]:*", proxyHost, $"[{proxyHost}]:*"];

    public static string Format(string cluster, string proxyHost, SshPublicKey hostAuthority) =>
        KnownHostsEntry.ForCertificateAuthority(PatternsFor(cluster, proxyHost), hostAuthority, "type=host").ToString();

    /// <summary>Whether <paramref name="line"/> is one of ours for <paramref name="cluster"/>.</summary>
    public static bool IsForCluster(string line, string cluster) =>
        KnownHostsEntry.ParseLine(line) is { Marker: KnownHostsMarker.CertificateAuthority } entry && entry.HostPatterns.Contains($"*.{cluster}");

    /// <summary>The host CA keys in <paramref name="text"/> for <paramref name="cluster"/>.</summary>
    public static IReadOnlyList<SshPublicKey> AuthoritiesFor(string text, string cluster) =>
        [.. text.Split('\n')
            .Select(line => KnownHostsEntry.ParseLine(line.TrimEnd('\r')))
            .Where(entry => entry is { Marker: KnownHostsMarker.CertificateAuthority } && entry.HostPatterns.Contains($"*.{cluster}"))
            .Select(entry => entry!.Key)];
}
