using System.Text.Json.Serialization;

namespace Teleport.Api.Client;

/// <summary>What went wrong: a kind from <see cref="ErrorKinds"/> and a message for the user.</summary>
public sealed record ApiErrorDetail(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("message")] string Message);
