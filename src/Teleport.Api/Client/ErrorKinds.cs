namespace Teleport.Api.Client;

/// <summary>The error kinds the Auth API returns in its <c>{"error":{"kind":...,"message":...}}</c> body.</summary>
public static class ErrorKinds
{
    public const string NotFound = "not_found";
    public const string AlreadyExists = "already_exists";
    public const string AccessDenied = "access_denied";
    public const string BadParameter = "bad_parameter";
    public const string LimitExceeded = "limit_exceeded";
    public const string CompareFailed = "compare_failed";
    public const string Internal = "internal";
}
