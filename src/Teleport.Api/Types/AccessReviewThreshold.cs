namespace Teleport.Api.Types;

/// <summary>How many approvals and denials an Access Request needs, for reviews matching <c>filter</c>.</summary>
public sealed record AccessReviewThreshold
{
    public string? Name { get; init; }

    public string? Filter { get; init; }

    public long Approve { get; init; }

    public long Deny { get; init; }
}
