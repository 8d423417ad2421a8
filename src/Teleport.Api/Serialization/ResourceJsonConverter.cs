using System.Text.Json;
using System.Text.Json.Serialization;
using Teleport.Api.Serialization.Codecs;
using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization;

/// <summary>
/// Lets <see cref="JsonSerializer"/> read and write resources (and <see cref="IResource"/> by
/// kind) in Teleport's JSON form, for API code that serializes request and response objects
/// holding them: <c>options.Converters.Add(new ResourceJsonConverter())</c>. Bad input throws
/// <see cref="ResourceValidationException"/>, without line numbers (the serializer does not share them).
/// </summary>
public sealed class ResourceJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeof(IResource).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T>
        where T : IResource
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ResourceYaml.Expect<T>(ResourceCodec.Read(JsonDocuments.ReadValue(ref reader)));

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            JsonDocuments.Write(writer, ResourceCodec.Write(value));
    }
}
