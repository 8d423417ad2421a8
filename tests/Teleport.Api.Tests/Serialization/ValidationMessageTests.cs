using Teleport.Api.Serialization;
using Teleport.Api.Types;

namespace Teleport.Api.Tests.Serialization;

/// <summary>Bad documents are refused with the field's path and its line and column.</summary>
public sealed class ValidationMessageTests
{
    private const string RoleHeader = "kind: role\nversion: v7\nmetadata:\n  name: dev\n";

    public static TheoryData<string, string> YamlCases => new()
    {
        {
            RoleHeader + "spec:\n  options:\n    max_session_ttl: 8 hours\n",
            "line 7, column 5: spec.options.max_session_ttl: \"8 hours\" is not a duration (write it like 8h, 30m, 1h30m or 90s)"
        },
        {
            RoleHeader + "spec:\n  allow:\n    logins: [ubuntu]\n    node_label:\n      env: prod\n",
            "line 8, column 5: spec.allow.node_label: unknown field \"node_label\" in spec.allow"
        },
        {
            RoleHeader + "spec:\n  allow:\n    logins:\n    - ubuntu\n    - '{{foo.bar}}'\n",
            "line 9, column 7: spec.allow.logins[1]: \"{{foo.bar}}\": unsupported namespace \"foo\": write internal.name or external.name"
        },
        {
            RoleHeader + "spec:\n  allow:\n    logins: ['{{internal.login}}']\n",
            "line 7, column 14: spec.allow.logins[0]: \"{{internal.login}}\": unsupported variable internal.login (internal traits: logins, windows_logins, kubernetes_groups, kubernetes_users, db_names, db_users, db_roles, aws_role_arns, azure_identities, gcp_service_accounts, jwt; use external.login for other traits)"
        },
        {
            RoleHeader + "spec:\n  allow:\n    logins: ['{{internal.logins']\n",
            "line 7, column 14: spec.allow.logins[0]: \"{{internal.logins\" uses template brackets '{{' or '}}' but is not a template: write {{internal.name}} or {{external.name}}"
        },
        {
            RoleHeader + "spec:\n  allow:\n    logins: root\n",
            "line 7, column 5: spec.allow.logins: expected a list, found \"root\""
        },
        {
            RoleHeader + "spec:\n  allow:\n    node_labels:\n      '*': prod\n",
            "line 8, column 7: spec.allow.node_labels[\"*\"]: selector *:<value> is not supported, only '*': '*' matches every label"
        },
        {
            RoleHeader + "spec:\n  allow:\n    node_labels:\n      env: ['prod', '^(stag$']\n",
            "line 8, column 21: spec.allow.node_labels.env[1]: \"^(stag$\" is not a valid regular expression: Invalid pattern '^(stag$' at offset 7. Not enough )'s."
        },
        {
            RoleHeader + "spec:\n  options:\n    forward_agent: maybe\n",
            "line 7, column 5: spec.options.forward_agent: expected true or false, found \"maybe\""
        },
        {
            RoleHeader + "spec:\n  options:\n    record_session:\n      ssh: off\n",
            "line 8, column 7: spec.options.record_session.ssh: \"off\" is not one of best_effort, strict"
        },
        {
            RoleHeader + "spec:\n  allow:\n    rules:\n    - resources: [role]\n",
            "line 8, column 7: spec.allow.rules[0].verbs: a rule needs at least one verb (use '*' for every verb)"
        },
        {
            RoleHeader + "spec:\n  allow:\n    logins: [a]\n    logins: [b]\n",
            "line 8, column 5: spec.allow.logins: the field logins appears twice"
        },
        {
            RoleHeader + "spec:\n  allow:\n    db_permissions: []\n",
            "line 7, column 5: spec.allow.db_permissions: this field is not supported by this Teleport implementation yet"
        },
        {
            "kind: rol\nversion: v7\nmetadata:\n  name: dev\n",
            "line 1, column 7: kind: unknown kind \"rol\" (supported: user, role, token, cert_authority, node, cluster_name)"
        },
        {
            "kind: role\nmetadata:\n  name: dev\n",
            "line 1, column 1: version: a version is required (supported: v5, v6, v7)"
        },
        {
            "kind: role\nversion: v8\nmetadata:\n  name: dev\n",
            "line 2, column 1: version: version \"v8\" is not supported (supported: v5, v6, v7)"
        },
        {
            "kind: role\nversion: v7\nmetadata:\n  description: no name\n",
            "line 3, column 1: metadata.name: a name is required"
        },
        {
            "kind: role\nversion: v7\nmetadata:\n  name: dev\n  expires: tomorrow\n",
            "line 5, column 3: metadata.expires: \"tomorrow\" is not a time: write it as RFC 3339, e.g. 2025-01-31T00:00:00Z"
        },
        {
            "kind: token\nversion: v2\nmetadata:\n  name: abc\nspec:\n  roles: [Node, Nodes]\n",
            "line 6, column 17: spec.roles[1]: \"Nodes\" is not a Teleport system role (Auth, Node, Proxy, Trusted_cluster, App, Db, Kube, WindowsDesktop, Bot, Instance, Discovery, Okta)"
        },
        {
            "kind: token\nversion: v2\nmetadata:\n  name: abc\nspec:\n  roles: [Node]\n  join_method: magic\n",
            "line 7, column 3: spec.join_method: \"magic\" is not a join method (token, ec2, iam, github, circleci, kubernetes, azure, gitlab, gcp, spacelift, tpm, terraform_cloud, bitbucket, oracle, azure_devops, bound_keypair)"
        },
        {
            "kind: token\nversion: v2\nmetadata:\n  name: abc\nspec: {}\n",
            "line 5, column 1: spec.roles: a token needs at least one role, e.g. [Node]"
        },
        {
            "kind: user\nversion: v2\nmetadata:\n  name: alice\nspec:\n  roles: [access]\n  local_auth:\n    password_hash: abc\n",
            "line 7, column 3: spec.local_auth: passwords and second factors are not part of the user resource: set them with tctl users reset"
        },
        {
            "kind: cert_authority\nversion: v2\nmetadata:\n  name: example.com\nspec:\n  type: host\n  cluster_name: example.com\n  active_keys:\n    ssh:\n    - public_key: c3NoLWVkMjU1MTk=\n      private_key: c2VjcmV0\n",
            "line 11, column 7: spec.active_keys.ssh[0].private_key: private keys are not part of a cert_authority here: the Auth service keeps them; remove the field"
        },
        {
            "kind: cert_authority\nversion: v2\nmetadata:\n  name: example.com\nspec:\n  type: hostt\n  cluster_name: example.com\n",
            "line 6, column 3: spec.type: \"hostt\" is not one of host, user, db, db_client, openssh, jwt, saml_idp, oidc_idp, spiffe, okta, awsra, bound_keypair"
        },
        {
            "kind: node\nversion: v2\nmetadata:\n  name: 5b5c\nspec:\n  cmd_labels:\n    arch:\n      period: 1m\n      command: []\n",
            "line 9, column 7: spec.cmd_labels.arch.command: a command label needs a command"
        },
        {
            "kind: cluster_name\nversion: v2\nmetadata:\n  name: other\nspec:\n  cluster_name: example.com\n",
            "line 4, column 3: metadata.name: the cluster_name resource is always named \"cluster-name\""
        },
        {
            "- kind: role\n",
            "line 1, column 1: expected a resource (a mapping with kind, version, metadata and spec), found a list"
        },
        {
            "kind: role\nversion: v7\nmetadata: *nothing\n",
            "line 3, column 11: the alias *nothing refers to no anchor before it"
        },
    };

    [Theory]
    [MemberData(nameof(YamlCases))]
    public void Yaml_problems_name_the_field_line_and_column(string yaml, string message)
    {
        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() => ResourceYaml.Read(yaml));
        Assert.Equal(message, e.Message);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void The_exception_carries_path_problem_and_position_apart()
    {
        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() =>
            ResourceYaml.Read(RoleHeader + "spec:\n  options:\n    max_session_ttl: 8 hours\n"));
        Assert.Equal("spec.options.max_session_ttl", e.FieldPath);
        Assert.Equal((7, 5), (e.Line, e.Column));
        Assert.StartsWith("\"8 hours\" is not a duration", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_syntax_errors_are_validation_errors_with_a_position()
    {
        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() => ResourceYaml.Read("kind: role\nversion: [v7\nmetadata: {}\n"));
        Assert.StartsWith("line ", e.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_recursed()
    {
        string yaml = "kind: role\nmetadata: " + new string('[', 10_000) + new string(']', 10_000) + "\n";
        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() => ResourceYaml.Read(yaml));
        Assert.Contains("nests deeper than 64 levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_problems_name_the_field_line_and_column()
    {
        const string json = "{\n  \"kind\": \"role\",\n  \"version\": \"v7\",\n  \"metadata\": {\"name\": \"dev\"},\n  \"spec\": {\n    \"options\": {\n      \"max_session_ttl\": \"8 hours\"\n    }\n  }\n}\n";
        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() => ResourceJson.Read(json));
        Assert.Equal("line 7, column 7: spec.options.max_session_ttl: \"8 hours\" is not a duration (write it like 8h, 30m, 1h30m or 90s)", e.Message);
    }

    [Fact]
    public void Json_syntax_errors_have_a_position()
    {
        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() => ResourceJson.Read("{\n  \"kind\": \"role\",\n  \"version\": v7\n}"));
        Assert.Equal(3, e.Line);
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_the_wrong_kind_is_refused()
    {
        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() => ResourceYaml.Read<User>(ResourceYaml.Write(Samples.Role)));
        Assert.Equal("kind: expected a user, found a role", e.Message);
    }

    [Fact]
    public void Validate_on_a_resource_built_in_code_names_the_field_without_a_position()
    {
        Role role = Samples.Role with { Spec = Samples.Role.Spec with { Allow = new RoleConditions { Logins = ["{{internal.logins"] } } };
        ResourceValidationException e = Assert.Throws<ResourceValidationException>(role.Validate);
        Assert.Null(e.Line);
        Assert.StartsWith("spec.allow.logins[0]: ", e.Message, StringComparison.Ordinal);
    }
}
