namespace Teleport.Proxy.Web.Messages;

/// <summary>POST /webapi/ssh/certs: password, second factor code and the keys to certify (SSH as an authorized_keys line, TLS as base64 SubjectPublicKeyInfo); ttl a Go duration.</summary>
public sealed record WebLoginRequest(string? User, string? Password, string? OtpToken, string? PubKey, string? TlsPubKey, string? Ttl);
