namespace Teleport.Api.Types;

/// <summary>A user's <c>spec.status</c>: whether logins are refused, why, since when and until when.</summary>
public sealed record LoginStatus
{
    public bool IsLocked { get; init; }

    public string? LockedMessage { get; init; }

    public DateTimeOffset? LockedTime { get; init; }

    public DateTimeOffset? LockExpires { get; init; }
}
