using Teleport.Api.Serialization;
using Teleport.Api.Types;

namespace Teleport.Api.Tests.Serialization;

public sealed class RoundTripTests
{
    public static TheoryData<string> Kinds => [.. Samples.All.Select(resource => resource.Kind)];

    private static IResource Sample(string kind) => Samples.All.Single(resource => resource.Kind == kind);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Yaml_written_reads_back_equal(string kind)
    {
        IResource original = Sample(kind);
        string yaml = ResourceYaml.Write(original);
        IResource read = ResourceYaml.Read(yaml);
        Assert.Equal(original, read);
        Assert.Equal(yaml, ResourceYaml.Write(read));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Json_written_reads_back_equal(string kind)
    {
        IResource original = Sample(kind);
        string json = ResourceJson.Write(original);
        IResource read = ResourceJson.Read(json);
        Assert.Equal(original, read);
        Assert.Equal(json, ResourceJson.Write(read));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Yaml_and_json_agree(string kind)
    {
        IResource original = Sample(kind);
        Assert.Equal(original, ResourceJson.Read(ResourceJson.Write(ResourceYaml.Read(ResourceYaml.Write(original)))));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void System_Text_Json_converter_round_trips(string kind)
    {
        IResource original = Sample(kind);
        var options = new System.Text.Json.JsonSerializerOptions { Converters = { new ResourceJsonConverter() } };
        string json = System.Text.Json.JsonSerializer.Serialize(original, options);
        Assert.Equal(original, ResourceJson.Read(json));
        Assert.Equal(original, System.Text.Json.JsonSerializer.Deserialize<IResource>(json, options));
        Assert.Equal(original, System.Text.Json.JsonSerializer.Deserialize(json, original.GetType(), options));
    }

    [Fact]
    public void Every_sample_validates() => Assert.All(Samples.All, resource => resource.Validate());

    [Fact]
    public void Several_resources_write_as_one_stream_and_read_back_in_order()
    {
        IResource[] all = [.. Samples.All];
        string yaml = ResourceYaml.Write(all);
        Assert.Equal(all.Length - 1, yaml.Split('\n').Count(line => line == "---"));
        Assert.Equal(all, ResourceYaml.ReadAll(yaml));
        Assert.Equal(all, ResourceJson.ReadAll(ResourceJson.WriteAll(all)));
    }
}
