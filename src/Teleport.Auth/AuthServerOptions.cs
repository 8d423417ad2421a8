using Microsoft.Extensions.Logging;
using Teleport.Auth.Identity;

using Teleport.Api.Config;

namespace Teleport.Auth;

/// <summary>The Auth service's settings, taken from teleport.yaml's auth_service section.</summary>
public sealed class AuthServerOptions
{
    public required string ClusterName { get; init; }

    /// <summary>Where audit logs and session recordings live; null keeps everything in the backend (tests).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>auth_service.tokens: join tokens that never expire, from the configuration file.</summary>
    public IReadOnlyList<StaticToken> StaticTokens { get; init; } = [];

    /// <summary>auth_service.authentication.second_factor: off, otp, on or optional.</summary>
    public string SecondFactor { get; init; } = SecondFactors.Otp;

    /// <summary>auth_service.session_recording: node, proxy, off, node-sync or proxy-sync.</summary>
    public string SessionRecording { get; init; } = "node";

    /// <summary>The proxy's public address, for invitation links; the Auth address until a proxy exists.</summary>
    public string? PublicAddress { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public PasswordHasher PasswordHasher { get; init; } = new();

    public ILoggerFactory? LoggerFactory { get; init; }
}
