using System.Text;
using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Codecs;

/// <summary>
/// The <c>cert_authority</c> resource's fields (api/types CertAuthorityV2). Key material is Go
/// <c>[]byte</c> in Teleport, so its JSON and YAML carry base64; it is written that way and read
/// either as base64 or, for hand-written documents, as the authorized_keys or PEM text itself.
/// </summary>
internal static class CertAuthorityCodec
{
    private const string PrivateKeysRefused =
        "private keys are not part of a cert_authority here: the Auth service keeps them; remove the field";

    public static CertAuthority Read(MappingReader top, string version, string? subKind, Metadata metadata) => new()
    {
        Version = version,
        SubKind = subKind,
        Metadata = metadata,
        Spec = top.Object("spec", static spec =>
        {
            spec.NotSupported("rotation", "CA rotation state is not supported by this Teleport implementation yet");
            spec.NotSupported("signing_alg", "signing_alg is unused by Teleport; remove it");
            return new CertAuthoritySpec
            {
                Type = spec.String("type") ?? string.Empty,
                ClusterName = spec.String("cluster_name") ?? string.Empty,
                Roles = spec.Strings("roles"),
                RoleMap = spec.Objects("role_map", static mapping => new RoleMapping
                {
                    Remote = mapping.String("remote") ?? string.Empty,
                    Local = mapping.Strings("local"),
                }),
                ActiveKeys = spec.Object("active_keys", ReadKeySet) ?? new CAKeySet(),
                AdditionalTrustedKeys = spec.Object("additional_trusted_keys", ReadKeySet) ?? new CAKeySet(),
            };
        }) ?? new CertAuthoritySpec(),
    };

    public static void Write(CertAuthority authority, MappingWriter top)
    {
        CertAuthoritySpec spec = authority.Spec;
        var fields = new MappingWriter();
        fields.String("type", spec.Type);
        fields.String("cluster_name", spec.ClusterName);
        fields.Strings("roles", spec.Roles);
        fields.Objects("role_map", spec.RoleMap, static mapping =>
        {
            var mappingFields = new MappingWriter();
            mappingFields.String("remote", mapping.Remote);
            mappingFields.Strings("local", mapping.Local);
            return mappingFields;
        });
        fields.Object("active_keys", WriteKeySet(spec.ActiveKeys));
        fields.Object("additional_trusted_keys", WriteKeySet(spec.AdditionalTrustedKeys));
        top.Object("spec", fields, always: true);
    }

    private static CAKeySet ReadKeySet(MappingReader keys) => new()
    {
        Ssh = keys.Objects("ssh", static pair =>
        {
            pair.NotSupported("private_key", PrivateKeysRefused);
            return new SshKeyPair
            {
                PublicKey = KeyText(pair, "public_key", "ssh-", "ecdsa-", "sk-"),
                PrivateKeyType = pair.Int("private_key_type"),
            };
        }),
        Tls = keys.Objects("tls", static pair =>
        {
            pair.NotSupported("key", PrivateKeysRefused);
            return new TlsKeyPair
            {
                Cert = KeyText(pair, "cert", "-----BEGIN"),
                KeyType = pair.Int("key_type"),
            };
        }),
        Jwt = keys.Objects("jwt", static pair =>
        {
            pair.NotSupported("private_key", PrivateKeysRefused);
            return new JwtKeyPair
            {
                PublicKey = KeyText(pair, "public_key", "-----BEGIN"),
                PrivateKeyType = pair.Int("private_key_type"),
            };
        }),
    };

    private static MappingWriter WriteKeySet(CAKeySet keys)
    {
        var fields = new MappingWriter();
        fields.Objects("ssh", keys.Ssh, static pair =>
        {
            var pairFields = new MappingWriter();
            pairFields.String("public_key", Base64(pair.PublicKey));
            pairFields.Long("private_key_type", pair.PrivateKeyType);
            return pairFields;
        });
        fields.Objects("tls", keys.Tls, static pair =>
        {
            var pairFields = new MappingWriter();
            pairFields.String("cert", Base64(pair.Cert));
            pairFields.Long("key_type", pair.KeyType);
            return pairFields;
        });
        fields.Objects("jwt", keys.Jwt, static pair =>
        {
            var pairFields = new MappingWriter();
            pairFields.String("public_key", Base64(pair.PublicKey));
            pairFields.Long("private_key_type", pair.PrivateKeyType);
            return pairFields;
        });
        return fields;
    }

    private static string? Base64(string text) => text.Length == 0 ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>The field as text: as written when it starts like the text itself, otherwise decoded from base64.</summary>
    private static string KeyText(MappingReader pair, string key, params string[] textPrefixes)
    {
        string? value = pair.String(key);
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        foreach (string prefix in textPrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return value;
            }
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(Convert.FromBase64String(value));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw new ResourceValidationException(pair.PathOf(key), "expected base64 (as tctl get writes it) or the key's text", null, null, e);
        }
    }
}
