using System.Net;

namespace Teleport.Api.Config;

/// <summary>
/// What the defaults of <c>teleport.yaml</c> depend on: the machine's hostname (the default
/// <c>nodename</c>) and who runs the process (the default <c>data_dir</c>). Tests pass their own;
/// <see cref="Current"/> reads the running process's.
/// </summary>
public sealed record HostEnvironment
{
    /// <summary>Where root keeps Teleport's data, as Teleport does everywhere.</summary>
    public const string SystemDataDir = "/var/lib/teleport";

    /// <summary>The kernel's hostname, what Go's <c>os.Hostname</c> returns.</summary>
    public required string HostName { get; init; }

    /// <summary>Whether the process runs as root (effective user id 0).</summary>
    public required bool IsRoot { get; init; }

    /// <summary>The user's home directory.</summary>
    public required string HomeDirectory { get; init; }

    /// <summary><c>$XDG_DATA_HOME</c> when set to an absolute path, else null (meaning <c>~/.local/share</c>).</summary>
    public string? XdgDataHome { get; init; }

    /// <summary>The running process's host, user and environment.</summary>
    public static HostEnvironment Current => new()
    {
        // gethostname(2); no DNS lookup is involved.
        HostName = Dns.GetHostName(),
        IsRoot = Environment.IsPrivilegedProcess,
        HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        XdgDataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME"),
    };

    /// <summary>
    /// <c>data_dir</c> when neither the file nor a flag sets it. Teleport always uses
    /// <c>/var/lib/teleport</c>, which an ordinary user cannot create; this implementation uses it
    /// for root and the XDG data directory (<c>~/.local/share/teleport</c>) for everyone else, so
    /// <c>teleport start</c> works without root for a quickstart.
    /// </summary>
    public string DefaultDataDir
    {
        get
        {
            if (IsRoot)
            {
                return SystemDataDir;
            }

            // The XDG base directory spec says a relative value is invalid and must be ignored.
            string dataHome = XdgDataHome is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(HomeDirectory, ".local", "share");
            return Path.Combine(dataHome, "teleport");
        }
    }
}
