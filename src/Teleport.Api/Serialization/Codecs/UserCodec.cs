using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Codecs;

/// <summary>The <c>user</c> resource's fields (api/types UserV2, UserSpecV2).</summary>
internal static class UserCodec
{
    public static User Read(MappingReader top, string version, string? subKind, Metadata metadata) => new()
    {
        Version = version,
        SubKind = subKind,
        Metadata = metadata,
        Spec = top.Object("spec", ReadSpec) ?? new UserSpec(),
        Status = top.Object("status", static status => new UserStatus
        {
            PasswordState = (PasswordState)status.Int("password_state"),
            MfaWeakestDevice = (MfaDeviceKind)status.Int("mfa_weakest_device"),
        }) ?? new UserStatus(),
    };

    public static void Write(User user, MappingWriter top)
    {
        UserSpec spec = user.Spec;
        var fields = new MappingWriter();
        fields.Objects("oidc_identities", spec.OidcIdentities, WriteIdentity);
        fields.Objects("saml_identities", spec.SamlIdentities, WriteIdentity);
        fields.Objects("github_identities", spec.GithubIdentities, WriteIdentity);
        fields.Strings("roles", spec.Roles);
        fields.Traits("traits", spec.Traits);
        fields.Object("status", WriteLoginStatus(spec.Status));
        fields.Time("expires", spec.Expires);
        if (spec.CreatedBy is { } createdBy)
        {
            var created = new MappingWriter();
            if (createdBy.Connector is { } connector)
            {
                var connectorFields = new MappingWriter();
                connectorFields.String("type", connector.Type);
                connectorFields.String("id", connector.Id);
                connectorFields.String("identity", connector.Identity);
                created.Object("connector", connectorFields, always: true);
            }

            created.Time("time", createdBy.Time);
            var userRef = new MappingWriter();
            userRef.String("name", createdBy.User);
            created.Object("user", userRef);
            fields.Object("created_by", created, always: true);
        }

        fields.Strings("trusted_device_ids", spec.TrustedDeviceIds);
        top.Object("spec", fields, always: true);

        var status = new MappingWriter();
        status.Long("password_state", (long)user.Status.PasswordState);
        status.Long("mfa_weakest_device", (long)user.Status.MfaWeakestDevice);
        top.Object("status", status);
    }

    private static UserSpec ReadSpec(MappingReader spec)
    {
        spec.NotSupported("local_auth", "passwords and second factors are not part of the user resource: set them with tctl users reset");
        return new UserSpec
        {
            OidcIdentities = spec.Objects("oidc_identities", ReadIdentity),
            SamlIdentities = spec.Objects("saml_identities", ReadIdentity),
            GithubIdentities = spec.Objects("github_identities", ReadIdentity),
            Roles = spec.Strings("roles"),
            Traits = spec.Traits("traits"),
            Status = spec.Object("status", static status => new LoginStatus
            {
                IsLocked = status.Bool("is_locked"),
                LockedMessage = status.String("locked_message"),
                LockedTime = status.Time("locked_time"),
                LockExpires = status.Time("lock_expires"),
            }) ?? new LoginStatus(),
            Expires = spec.Time("expires"),
            CreatedBy = spec.Object("created_by", static created => new CreatedBy
            {
                Connector = created.Object("connector", static connector => new ConnectorRef
                {
                    Type = connector.String("type"),
                    Id = connector.String("id"),
                    Identity = connector.String("identity"),
                }),
                Time = created.Time("time"),
                User = created.Object("user", static user => user.String("name") ?? string.Empty) is { Length: > 0 } name ? name : null,
            }),
            TrustedDeviceIds = spec.Strings("trusted_device_ids"),
        };
    }

    private static ExternalIdentity ReadIdentity(MappingReader identity) => new()
    {
        ConnectorId = identity.String("connector_id"),
        Username = identity.String("username"),
        SamlSingleLogoutUrl = identity.String("samlSingleLogoutUrl"),
        UserId = identity.String("user_id"),
    };

    private static MappingWriter WriteIdentity(ExternalIdentity identity)
    {
        var fields = new MappingWriter();
        fields.String("connector_id", identity.ConnectorId);
        fields.String("username", identity.Username);
        fields.String("samlSingleLogoutUrl", identity.SamlSingleLogoutUrl);
        fields.String("user_id", identity.UserId);
        return fields;
    }

    private static MappingWriter WriteLoginStatus(LoginStatus status)
    {
        var fields = new MappingWriter();

        // Teleport always writes is_locked; the rest only when set.
        fields.Bool("is_locked", status.IsLocked, always: true);
        fields.String("locked_message", status.LockedMessage);
        fields.Time("locked_time", status.LockedTime);
        fields.Time("lock_expires", status.LockExpires);
        return fields;
    }
}
