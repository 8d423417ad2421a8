namespace Teleport.Api.Types;

/// <summary>A role's <c>review_requests</c> section: which Access Requests its holders may review.</summary>
public sealed record AccessReviewConditions
{
    public ValueList<string> Roles { get; init; } = ValueList<string>.Empty;

    public ValueList<ClaimMapping> ClaimsToRoles { get; init; } = ValueList<ClaimMapping>.Empty;

    public string? Where { get; init; }

    public ValueList<string> PreviewAsRoles { get; init; } = ValueList<string>.Empty;
}
