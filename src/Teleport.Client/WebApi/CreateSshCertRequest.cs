namespace Teleport.Client.WebApi;

/// <summary>POST /webapi/ssh/certs: password, second factor and public keys to sign; ttl is a Go duration.</summary>
public sealed record CreateSshCertRequest(string User, string Password, string? OtpToken, string PubKey, string? TlsPubKey, string? Ttl);
