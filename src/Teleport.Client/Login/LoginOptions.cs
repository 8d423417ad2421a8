namespace Teleport.Client.Login;

/// <summary>tsh login's flags.</summary>
public sealed class LoginOptions
{
    /// <summary>host[:port] of the web proxy; the port defaults to 3080.</summary>
    public required string Proxy { get; init; }

    public required string User { get; init; }

    /// <summary>Requested certificate lifetime as a Go duration (12h, 30m); null for the cluster's default.</summary>
    public string? Ttl { get; init; }

    public bool Insecure { get; init; }
}
