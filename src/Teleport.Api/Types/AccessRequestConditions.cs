namespace Teleport.Api.Types;

/// <summary>A role's <c>request</c> section: which roles its holders may request (Access Requests).</summary>
public sealed record AccessRequestConditions
{
    public ValueList<string> Roles { get; init; } = ValueList<string>.Empty;

    public ValueList<ClaimMapping> ClaimsToRoles { get; init; } = ValueList<ClaimMapping>.Empty;

    public ValueMap<ValueList<string>> Annotations { get; init; } = ValueMap<ValueList<string>>.Empty;

    public ValueList<AccessReviewThreshold> Thresholds { get; init; } = ValueList<AccessReviewThreshold>.Empty;

    public ValueList<string> SuggestedReviewers { get; init; } = ValueList<string>.Empty;

    public ValueList<string> SearchAsRoles { get; init; } = ValueList<string>.Empty;

    public Duration MaxDuration { get; init; }
}
