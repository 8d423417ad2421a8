using Teleport.Api.Config;

namespace Teleport.Services;

/// <summary>
/// What a new user does after <c>teleport start</c> brought up a whole cluster in one process:
/// create themselves, complete the invitation, log in with tsh, connect to this host. Printed to
/// standard output once the services run, as Teleport prints its quickstart hints.
/// </summary>
internal static class NextSteps
{
    public static string For(TeleportConfig config)
    {
        ProxyServiceConfig proxy = config.ProxyService;
        string web = proxy.PublicAddr.FirstOrDefault()?.Addr
            ?? (proxy.WebListenAddr.IsUnspecifiedHost ? proxy.WebListenAddr.WithHost("localhost") : proxy.WebListenAddr).Addr;
        string insecure = proxy.HttpsKeyPairs.Count == 0 ? " --insecure" : string.Empty;
        string login = Environment.UserName;
        string tctl = Sibling("tctl");
        string tsh = Sibling("tsh");
        return $"""

            Teleport is running: web and API https://{web}, SSH proxy {proxy.ListenAddr.Port}, this host as node "{config.Global.NodeName}".
            Next steps:
              1. Create a user; tctl prints an invitation link:
                   {tctl} users add alice --roles=access --logins={login}
              2. Open the link, choose a password and scan the QR code with an authenticator app.
              3. Log in and connect to this host:
                   {tsh} login --proxy={web}{insecure} --user=alice
                   {tsh} ssh {login}@{config.Global.NodeName}

            """;
    }

    /// <summary>How to call a program installed next to teleport: its bare name when that directory is on PATH, else a path.</summary>
    private static string Sibling(string program)
    {
        string? directory = Path.GetDirectoryName(Environment.ProcessPath);
        if (directory is null)
        {
            return program;
        }

        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        if (path.Any(p => string.Equals(Path.GetFullPath(p), directory, StringComparison.Ordinal)))
        {
            return program;
        }

        string relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(directory, program));
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.Combine(directory, program) : relative;
    }
}
