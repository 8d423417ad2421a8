namespace Teleport.Api.Types;

/// <summary>An <c>allow</c> rule of a token for the AWS join methods.</summary>
public sealed record TokenRule
{
    public string? AwsAccount { get; init; }

    public ValueList<string> AwsRegions { get; init; } = ValueList<string>.Empty;

    public string? AwsRole { get; init; }

    public string? AwsArn { get; init; }
}
