using System.Security.Cryptography;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Keys;

/// <summary>
/// Builds and signs an OpenSSH certificate (PROTOCOL.certkeys). Critical options and extensions
/// are written sorted by name, as the format requires; an empty value is written as a flag.
/// </summary>
public sealed class SshCertificateBuilder
{
    public SshCertificateBuilder(SshPublicKey key, SshCertificateType type)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key is SshCertificate)
        {
            throw new ArgumentException("cannot certify a certificate", nameof(key));
        }

        Key = key;
        Type = type;
    }

    public SshPublicKey Key { get; }

    public SshCertificateType Type { get; }

    public ulong Serial { get; set; }

    public string KeyId { get; set; } = string.Empty;

    public IList<string> Principals { get; } = new List<string>();

    public DateTimeOffset ValidAfter { get; set; } = DateTimeOffset.UnixEpoch;

    /// <summary>The end of validity; null for forever.</summary>
    public DateTimeOffset? ValidBefore { get; set; }

    public IDictionary<string, string> CriticalOptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IDictionary<string, string> Extensions { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The extensions OpenSSH's <c>ssh-keygen -s</c> grants a user certificate by default.</summary>
    public SshCertificateBuilder WithDefaultUserExtensions()
    {
        foreach (string name in new[] { "permit-X11-forwarding", "permit-agent-forwarding", "permit-port-forwarding", "permit-pty", "permit-user-rc" })
        {
            Extensions[name] = string.Empty;
        }

        return this;
    }

    /// <summary>Signs with <paramref name="authority"/>; RSA authorities sign with rsa-sha2-512 unless told otherwise.</summary>
    public async ValueTask<SshCertificate> SignAsync(ISshSigner authority, string? signatureAlgorithm = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authority);
        if (authority.PublicKey is SshCertificate)
        {
            throw new ArgumentException("a certificate authority key must be a plain key", nameof(authority));
        }

        signatureAlgorithm ??= authority.PublicKey.SignatureAlgorithms[0];
        using var writer = new SshWriter(1024);
        WriteToBeSigned(writer, authority.PublicKey);
        byte[] signature = await authority.SignAsync(signatureAlgorithm, writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        writer.WriteString(signature);
        return SshCertificate.FromSignedBlob(writer.ToArray());
    }

    /// <summary>Signs with a private key in memory.</summary>
    public SshCertificate Sign(SshPrivateKey authority, string? signatureAlgorithm = null) =>
        SignAsync(authority, signatureAlgorithm).AsTask().GetAwaiter().GetResult();

    private void WriteToBeSigned(SshWriter writer, SshPublicKey authority)
    {
        // The certified key's blob is its type followed by its fields; the certificate wants the fields.
        var keyReader = new SshReader(Key.Blob);
        keyReader.ReadString();
        ReadOnlySpan<byte> keyFields = keyReader.ReadRemaining();

        writer.WriteString(SshCertificate.CertificateTypeFor(Key.KeyType));
        writer.WriteString(RandomNumberGenerator.GetBytes(32));
        writer.WriteRaw(keyFields);
        writer.WriteUInt64(Serial);
        writer.WriteUInt32((uint)Type);
        writer.WriteString(KeyId);

        int principals = writer.BeginString();
        foreach (string principal in Principals)
        {
            writer.WriteString(principal);
        }

        writer.EndString(principals);
        writer.WriteUInt64(ToUnixSeconds(ValidAfter));
        writer.WriteUInt64(ValidBefore is { } before ? ToUnixSeconds(before) : SshCertificate.Forever);
        WriteOptions(writer, CriticalOptions);
        WriteOptions(writer, Extensions);
        writer.WriteString(ReadOnlySpan<byte>.Empty); // reserved
        writer.WriteString(authority.Blob);
    }

    private static void WriteOptions(SshWriter writer, IDictionary<string, string> options)
    {
        int start = writer.BeginString();
        foreach (KeyValuePair<string, string> option in options.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            writer.WriteString(option.Key);
            if (option.Value.Length == 0)
            {
                writer.WriteString(ReadOnlySpan<byte>.Empty);
            }
            else
            {
                int data = writer.BeginString();
                writer.WriteString(option.Value);
                writer.EndString(data);
            }
        }

        writer.EndString(start);
    }

    private static ulong ToUnixSeconds(DateTimeOffset time) => (ulong)Math.Max(0, time.ToUnixTimeSeconds());
}
