using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Codecs;

/// <summary>The <c>role</c> resource's fields (api/types RoleV6, RoleSpecV6).</summary>
internal static class RoleCodec
{
    public static Role Read(MappingReader top, string version, string? subKind, Metadata metadata) => new()
    {
        Version = version,
        SubKind = subKind,
        Metadata = metadata,
        Spec = top.Object("spec", static spec => new RoleSpec
        {
            Options = spec.Object("options", RoleOptionsCodec.Read) ?? new RoleOptions(),
            Allow = spec.Object("allow", RoleConditionsCodec.Read) ?? new RoleConditions(),
            Deny = spec.Object("deny", RoleConditionsCodec.Read) ?? new RoleConditions(),
        }) ?? new RoleSpec(),
    };

    public static void Write(Role role, MappingWriter top)
    {
        var spec = new MappingWriter();
        spec.Object("options", RoleOptionsCodec.Write(role.Spec.Options));
        spec.Object("allow", RoleConditionsCodec.Write(role.Spec.Allow), always: true);
        spec.Object("deny", RoleConditionsCodec.Write(role.Spec.Deny), always: true);
        top.Object("spec", spec, always: true);
    }
}
