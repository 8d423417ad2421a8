namespace Teleport.Api.Client.Messages;

/// <summary>
/// GET /v1/ping: who this cluster is and how to log in; needs no credentials. SessionRecording is
/// <c>auth_service.session_recording</c> (node, node-sync, proxy, proxy-sync, off), which nodes follow.
/// </summary>
public sealed record PingResponse(string ClusterName, string ServerVersion, string CaPin, string SecondFactor, IReadOnlyList<string> TlsCaCertificates, string SessionRecording = "node");
