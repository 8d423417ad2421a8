using Teleport.Api.Rbac;
using Teleport.Api.Serialization;
using Teleport.Api.Types;

namespace Teleport.Api.Tests.Rbac;

public sealed class PresetRoleTests
{
    [Fact]
    public void Presets_are_valid_v7_roles_marked_as_presets_that_round_trip()
    {
        Assert.Equal(["access", "editor", "auditor"], PresetRoles.All().Select(role => role.Name));
        foreach (Role role in PresetRoles.All())
        {
            role.Validate();
            Assert.Equal("v7", role.Version);
            Assert.Equal("preset", role.Metadata.Labels[PresetRoles.ResourceTypeLabel]);
            Assert.Equal(role, ResourceYaml.Read(ResourceYaml.Write(role)));
        }
    }

    [Fact]
    public void Access_uses_the_users_own_traits_on_every_resource()
    {
        Role access = PresetRoles.Access();
        Assert.Equal(["{{internal.logins}}"], access.Spec.Allow.Logins);
        Assert.Equal(ValueMap.Of(("*", ["*"])), access.Spec.Allow.NodeLabels);
        Assert.Equal(["{{internal.kubernetes_groups}}"], access.Spec.Allow.KubernetesGroups);
        Assert.True(access.Spec.Deny.Logins.IsEmpty);
    }

    [Fact]
    public void Auditor_has_one_placeholder_login_unique_per_cluster()
    {
        var id = Guid.Parse("00000000-0000-0000-0000-000000000001");
        Assert.Equal(["no-login-00000000-0000-0000-0000-000000000001"], PresetRoles.Auditor(id).Spec.Allow.Logins);
        Assert.NotEqual(PresetRoles.Auditor().Spec.Allow.Logins, PresetRoles.Auditor().Spec.Allow.Logins);
    }
}
