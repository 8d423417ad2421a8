namespace Teleport.Api.Types;

/// <summary>Who created a user (<c>spec.created_by</c>): an admin (<c>user.name</c>) or an SSO connector, and when.</summary>
public sealed record CreatedBy
{
    public ConnectorRef? Connector { get; init; }

    public DateTimeOffset? Time { get; init; }

    /// <summary>The creating user's name (<c>created_by.user.name</c>), e.g. <c>builtin-Admin</c>.</summary>
    public string? User { get; init; }
}
