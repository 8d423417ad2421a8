using Teleport.Api.Config;

namespace Teleport.Api.Tests.Config;

/// <summary>Machines the defaults are computed for.</summary>
internal static class Hosts
{
    public static HostEnvironment Root { get; } = new() { HostName = "web1", IsRoot = true, HomeDirectory = "/root" };

    public static HostEnvironment User { get; } = new() { HostName = "laptop", IsRoot = false, HomeDirectory = "/home/alice" };
}
