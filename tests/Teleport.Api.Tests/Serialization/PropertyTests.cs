using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Teleport.Api.Serialization;
using Teleport.Api.Types;

namespace Teleport.Api.Tests.Serialization;

/// <summary>
/// Generated properties (FsCheck): valid resources survive YAML and JSON unchanged, and any text
/// or bytes given to the readers produce a resource or a <see cref="ResourceValidationException"/>,
/// never another exception.
/// </summary>
public sealed class PropertyTests
{
    private static readonly FsCheck.Config RoundTrips = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(1_000).WithEndSize(30).WithReplay(20250101, 2654435769);
    private static readonly FsCheck.Config Fuzz = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(3_000).WithReplay(20250102, 2654435761);

    /// <summary>Characters of YAML and JSON syntax and a few beyond ASCII, for mutations.</summary>
    private static readonly char[] Syntax = ":-[]{}#&*!|>'\"%@`,?~ \n\t\r\\/.0123456789abcnyekvt\u00e9\u0000\uFEFF".ToCharArray();

    [Fact]
    public void Generated_roles_round_trip_through_yaml_and_json() =>
        Check.One(RoundTrips, Prop.ForAll(ResourceGenerators.Role.ToArbitrary(), RoundTrip));

    [Fact]
    public void Generated_users_and_nodes_round_trip_through_yaml_and_json()
    {
        Check.One(RoundTrips.WithMaxTest(300), Prop.ForAll(ResourceGenerators.User.ToArbitrary(), RoundTrip));
        Check.One(RoundTrips.WithMaxTest(300), Prop.ForAll(ResourceGenerators.Node.ToArbitrary(), RoundTrip));
    }

    [Fact]
    public void Mutated_yaml_reads_as_a_resource_or_a_validation_error() =>
        Check.One(Fuzz, Prop.ForAll(Mutations(YamlSeeds).ToArbitrary(), text => ReadsOrRefuses(() => ResourceYaml.ReadAll(text))));

    [Fact]
    public void Mutated_json_reads_as_a_resource_or_a_validation_error() =>
        Check.One(Fuzz, Prop.ForAll(Mutations(JsonSeeds).ToArbitrary(), text => ReadsOrRefuses(() => ResourceJson.ReadAll(text))));

    [Fact]
    public void Arbitrary_bytes_and_strings_read_as_a_resource_or_a_validation_error()
    {
        Check.One(Fuzz.WithMaxTest(1_000), Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
            ReadsOrRefuses(() => ResourceYaml.ReadAll(Encoding.UTF8.GetString(bytes)))
            && ReadsOrRefuses(() => ResourceJson.Read(bytes))));
        Check.One(Fuzz.WithMaxTest(1_000), Prop.ForAll(ArbMap.Default.ArbFor<string>().Filter(static s => s is not null), text =>
            ReadsOrRefuses(() => ResourceYaml.ReadAll(text)) && ReadsOrRefuses(() => ResourceJson.ReadAll(text))));
    }

    private static bool RoundTrip<T>(T resource)
        where T : IResource
    {
        resource.Validate();
        string yaml = ResourceYaml.Write(resource);
        IResource fromYaml = ResourceYaml.Read(yaml);
        string json = ResourceJson.Write(resource);
        IResource fromJson = ResourceJson.Read(json);
        Assert.True(resource.Equals(fromYaml), yaml);
        Assert.True(resource.Equals(fromJson), json);
        Assert.Equal(yaml, ResourceYaml.Write(fromYaml));
        return true;
    }

    private static bool ReadsOrRefuses(Func<IReadOnlyList<IResource>> read)
    {
        try
        {
            IReadOnlyList<IResource> resources = read();

            // What reads must also write and read back the same.
            foreach (IResource resource in resources)
            {
                Assert.Equal(resource, ResourceYaml.Read(ResourceYaml.Write(resource)));
            }
        }
        catch (ResourceValidationException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Message));
        }

        return true;
    }

    private static bool ReadsOrRefuses(Func<IResource> read) => ReadsOrRefuses(() => (IReadOnlyList<IResource>)[read()]);

    private static string[] YamlSeeds => [.. Samples.All.Select(ResourceYaml.Write), ResourceYaml.Write(Samples.All), HandWritten];

    private static string[] JsonSeeds => [.. Samples.All.Select(resource => ResourceJson.Write(resource, indented: true)), ResourceJson.WriteAll(Samples.All)];

    private const string HandWritten = """
        kind: role
        version: v7
        metadata: {name: dev, labels: {team: &t ops}}
        spec:
          options: {max_session_ttl: 8h, client_idle_timeout: never, forward_agent: yes}
          allow:
            logins: ['{{internal.logins}}', "ubuntu"]
            node_labels: {'*': '*'}
            rules: [{resources: [role], verbs: [list, read]}]
          deny:
            node_labels:
              team: *t
        ---
        kind: token
        version: v2
        metadata: {name: abc, expires: 2030-01-01T00:00:00Z}
        spec: {roles: [node], join_method: token}
        """;

    /// <summary>A seed with up to eight edits: inserted, replaced or deleted characters, duplicated or cut lines.</summary>
    private static Gen<string> Mutations(string[] seeds) =>
        from seed in Gen.Elements(seeds)
        from edits in Gen.Choose(0, 8).SelectMany(count => Gen.Zip(Gen.Choose(0, 4), Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Elements(Syntax))).ArrayOf(count))
        select Apply(seed, edits);

    private static string Apply(string seed, (int Kind, (int Position, char Character) At)[] edits)
    {
        var text = new StringBuilder(seed);
        foreach ((int kind, (int position, char character)) in edits)
        {
            int at = text.Length == 0 ? 0 : position % text.Length;
            switch (kind)
            {
                case 0:
                    text.Insert(at, character);
                    break;
                case 1 when text.Length > 0:
                    text[at] = character;
                    break;
                case 2 when text.Length > 0:
                    text.Remove(at, 1);
                    break;
                case 3:
                    text.Length = at;
                    break;
                default:
                    string current = text.ToString();
                    int start = current.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
                    int end = current.IndexOf('\n', at);
                    string line = current[start..(end < 0 ? current.Length : end + 1)];
                    text.Insert(start, line);
                    break;
            }
        }

        return text.ToString();
    }
}
