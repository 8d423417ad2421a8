using System.Net;
using Microsoft.Extensions.Logging;

namespace Teleport.Auth.Api;

/// <summary>Where and how the Auth API listens.</summary>
public sealed class AuthApiOptions
{
    /// <summary>auth_service.listen_addr; port 0 picks a free port (tests).</summary>
    public IPEndPoint ListenEndPoint { get; init; } = new(IPAddress.Any, 3025);

    /// <summary>Names and addresses put in the server certificate besides localhost.</summary>
    public IReadOnlyList<string> ServerNames { get; init; } = [];

    /// <summary>Requests per second each client address may make to the public endpoints (login, join, invitations), with bursts of 50.</summary>
    public int PublicRequestsPerSecond { get; init; } = 20;

    public ILoggerFactory? LoggerFactory { get; init; }
}
