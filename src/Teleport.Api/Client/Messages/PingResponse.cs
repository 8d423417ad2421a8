namespace Teleport.Api.Client.Messages;

/// <summary>GET /v1/ping: who this cluster is and how to log in; needs no credentials.</summary>
public sealed record PingResponse(string ClusterName, string ServerVersion, string CaPin, string SecondFactor, IReadOnlyList<string> TlsCaCertificates);
