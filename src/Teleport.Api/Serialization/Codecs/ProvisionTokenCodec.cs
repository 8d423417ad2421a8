using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Codecs;

/// <summary>The <c>token</c> resource's fields (api/types ProvisionTokenV2).</summary>
internal static class ProvisionTokenCodec
{
    public static ProvisionToken Read(MappingReader top, string version, string? subKind, Metadata metadata) => new()
    {
        Version = version,
        SubKind = subKind,
        Metadata = metadata,
        Spec = top.Object("spec", ReadSpec) ?? new ProvisionTokenSpec(),
    };

    public static void Write(ProvisionToken token, MappingWriter top)
    {
        ProvisionTokenSpec spec = token.Spec;
        var fields = new MappingWriter();
        fields.Strings("roles", spec.Roles);
        fields.Objects("allow", spec.Allow, static rule =>
        {
            var ruleFields = new MappingWriter();
            ruleFields.String("aws_account", rule.AwsAccount);
            ruleFields.Strings("aws_regions", rule.AwsRegions);
            ruleFields.String("aws_role", rule.AwsRole);
            ruleFields.String("aws_arn", rule.AwsArn);
            return ruleFields;
        });
        fields.Duration("aws_iid_ttl", spec.AwsIidTtl);
        fields.String("join_method", spec.JoinMethod);
        fields.String("bot_name", spec.BotName);
        fields.Labels("suggested_labels", spec.SuggestedLabels);
        fields.Labels("suggested_agent_matcher_labels", spec.SuggestedAgentMatcherLabels);
        top.Object("spec", fields, always: true);
    }

    private static ProvisionTokenSpec ReadSpec(MappingReader spec)
    {
        foreach (string method in (string[])["github", "circleci", "kubernetes", "azure", "gitlab", "gcp", "spacelift", "tpm", "terraform_cloud", "bitbucket", "oracle", "azure_devops", "bound_keypair"])
        {
            spec.NotSupported(method, $"the {method} join method is not supported by this Teleport implementation yet; use join_method: token");
        }

        ValueList<string> roles = spec.Strings("roles");
        var canonical = new string[roles.Count];
        for (int i = 0; i < roles.Count; i++)
        {
            // Teleport reads system roles in any case ("node", "NODE"); keep its spelling.
            canonical[i] = SystemRoles.TryNormalize(roles[i], out string? name) ? name : roles[i];
        }

        return new ProvisionTokenSpec
        {
            Roles = ValueList.Create<string>(canonical),
            Allow = spec.Objects("allow", static rule => new TokenRule
            {
                AwsAccount = rule.String("aws_account"),
                AwsRegions = rule.Strings("aws_regions"),
                AwsRole = rule.String("aws_role"),
                AwsArn = rule.String("aws_arn"),
            }),
            AwsIidTtl = spec.Duration("aws_iid_ttl"),
            JoinMethod = spec.String("join_method"),
            BotName = spec.String("bot_name"),
            SuggestedLabels = spec.Labels("suggested_labels"),
            SuggestedAgentMatcherLabels = spec.Labels("suggested_agent_matcher_labels"),
        };
    }
}
