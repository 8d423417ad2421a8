namespace Teleport.Api.Client.Messages;

/// <summary>POST /v1/certs/user: tctl auth sign --user: certify a public key for a user, as the roles allow.</summary>
public sealed record SignUserMessage(string User, string SshPublicKey, string? TlsPublicKey, string? Ttl);
