using Teleport.Ssh.Keys;

namespace Teleport.Api.Types;

/// <summary>
/// A <c>cert_authority</c> (v2), public parts only: the cluster's <c>host</c> CA (signs node and
/// proxy host certificates), <c>user</c> CA (signs user certificates), <c>db</c> CA, ...
/// <c>metadata.name</c> and <c>spec.cluster_name</c> name the cluster, <c>sub_kind</c> repeats
/// <c>spec.type</c>. <c>spec.active_keys</c> holds the keys that sign now;
/// <c>spec.additional_trusted_keys</c> those still trusted during a rotation. Private keys never
/// appear here: the Auth service keeps them, and a document that carries one is refused.
/// </summary>
public sealed record CertAuthority : IResource
{
    public const string DefaultVersion = "v2";

    public string Kind => ResourceKinds.CertAuthority;

    /// <summary>Teleport sets it to the CA type; it is written and read back, not checked.</summary>
    public string? SubKind { get; init; }

    public string Version { get; init; } = DefaultVersion;

    public required Metadata Metadata { get; init; }

    public CertAuthoritySpec Spec { get; init; } = new();

    public void Validate()
    {
        ResourceChecks.CheckVersion(Version, DefaultVersion);
        Metadata.Validate();
        if (string.IsNullOrEmpty(Spec.Type))
        {
            throw new ResourceValidationException("spec.type", $"a CA type is required ({string.Join(", ", CertAuthTypes.All)})");
        }

        ResourceChecks.CheckOneOf("spec.type", Spec.Type, [.. CertAuthTypes.All]);
        if (string.IsNullOrEmpty(Spec.ClusterName))
        {
            throw new ResourceValidationException("spec.cluster_name", "the cluster's name is required");
        }

        ValidateKeys("spec.active_keys", Spec.ActiveKeys);
        ValidateKeys("spec.additional_trusted_keys", Spec.AdditionalTrustedKeys);
    }

    private static void ValidateKeys(string path, CAKeySet keys)
    {
        for (int i = 0; i < keys.Ssh.Count; i++)
        {
            try
            {
                if (AuthorizedKey.ParseLine(keys.Ssh[i].PublicKey) is null)
                {
                    throw new ResourceValidationException($"{path}.ssh[{i}].public_key", "an SSH public key is required");
                }
            }
            catch (FormatException e)
            {
                throw new ResourceValidationException($"{path}.ssh[{i}].public_key", $"not an SSH public key: {e.Message}", null, null, e);
            }
        }

        for (int i = 0; i < keys.Tls.Count; i++)
        {
            CheckPem($"{path}.tls[{i}].cert", keys.Tls[i].Cert, "CERTIFICATE");
        }

        for (int i = 0; i < keys.Jwt.Count; i++)
        {
            CheckPem($"{path}.jwt[{i}].public_key", keys.Jwt[i].PublicKey, "PUBLIC KEY");
        }
    }

    private static void CheckPem(string path, string text, string label)
    {
        if (!System.Security.Cryptography.PemEncoding.TryFind(text, out System.Security.Cryptography.PemFields fields)
            || !text.AsSpan()[fields.Label].SequenceEqual(label))
        {
            throw new ResourceValidationException(path, $"not a PEM \"{label}\" block");
        }
    }
}
