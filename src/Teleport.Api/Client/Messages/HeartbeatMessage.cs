namespace Teleport.Api.Client.Messages;

/// <summary>PUT /v1/nodes: a node's heartbeat, its node resource (JSON) and how long it stays listed without another.</summary>
public sealed record HeartbeatMessage(System.Text.Json.JsonElement Node, string? Ttl);
