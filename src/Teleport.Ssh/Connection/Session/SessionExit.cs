namespace Teleport.Ssh.Connection.Session;

/// <summary>
/// How a remote command ended (RFC 4254 §6.10): an exit status, or the signal that killed it
/// (name without "SIG", such as TERM). Both null when the channel closed without saying.
/// </summary>
public sealed record SessionExit(int? ExitCode, string? Signal, bool CoreDumped, string? ErrorMessage);
