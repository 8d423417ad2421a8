namespace Teleport.Api.Client.Messages;

/// <summary>POST /v1/certs/host: tctl auth sign --host: a host certificate for an OpenSSH server.</summary>
public sealed record SignHostMessage(string HostName, string SshPublicKey, string? Ttl);
