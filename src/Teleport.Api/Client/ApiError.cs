using System.Text.Json.Serialization;

namespace Teleport.Api.Client;

/// <summary>The body of every failed Auth API call.</summary>
public sealed record ApiError(
    [property: JsonPropertyName("error")] ApiErrorDetail Error);
