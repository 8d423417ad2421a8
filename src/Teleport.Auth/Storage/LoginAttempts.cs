namespace Teleport.Auth.Storage;

/// <summary>Recent failed logins of a user and, once too many, the time the lock ends.</summary>
public sealed record LoginAttempts(IReadOnlyList<DateTimeOffset> Failures, DateTimeOffset? LockedUntil);
