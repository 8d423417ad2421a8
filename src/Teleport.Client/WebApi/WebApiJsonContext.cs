using System.Text.Json.Serialization;

namespace Teleport.Client.WebApi;

/// <summary>JSON of the proxy's web API: snake_case, nulls left out (source generated: tsh starts fast).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(WebPingResponse))]
[JsonSerializable(typeof(CreateSshCertRequest))]
[JsonSerializable(typeof(CreateSshCertResponse))]
[JsonSerializable(typeof(WebNodeList))]
[JsonSerializable(typeof(IReadOnlyList<WebNode>))]
[JsonSerializable(typeof(WebError))]
internal sealed partial class WebApiJsonContext : JsonSerializerContext;
