using System.Globalization;
using System.Text;

namespace Teleport.Srv.Processes;

/// <summary>
/// What <c>teleport exec</c> needs, encoded as plain argv items so the helper starts without a
/// command-line or JSON library: <c>exec --uid=N --gid=N --groups=N,N --home=DIR --program=PATH -- ARGV...</c>.
/// The environment does not travel in argv (world-readable in /proc/PID/cmdline) nor in the
/// helper's own environment (the .NET runtime and ld.so would read DOTNET_STARTUP_HOOKS or LD_PRELOAD
/// from it while still root): it comes on fd 3 as NAME=VALUE entries, each NUL-terminated, then one
/// more NUL so a short read cannot pass for a complete environment.
/// </summary>
internal sealed record ExecArguments(int Uid, int Gid, IReadOnlyList<int> Groups, string Home, string Program, IReadOnlyList<string> Arguments)
{
    public const string Verb = "exec";
    public const int EnvironmentFd = 3;

    public List<string> Encode() =>
    [
        Verb,
        $"--uid={Uid.ToString(CultureInfo.InvariantCulture)}",
        $"--gid={Gid.ToString(CultureInfo.InvariantCulture)}",
        $"--groups={string.Join(',', Groups.Select(group => group.ToString(CultureInfo.InvariantCulture)))}",
        $"--home={Home}",
        $"--program={Program}",
        "--",
        .. Arguments,
    ];

    /// <summary>Parses <c>args</c> as the helper receives them (args[0] is "exec"); null when they are not ours.</summary>
    public static ExecArguments? Decode(string[] args)
    {
        int? uid = null;
        int? gid = null;
        int[]? groups = null;
        string? home = null;
        string? program = null;
        for (int i = 1; i < args.Length; i++)
        {
            string item = args[i];
            if (item == "--")
            {
                return uid is int u && gid is int g && groups is not null && home is not null && program is not null && i + 1 < args.Length
                    ? new ExecArguments(u, g, groups, home, program, args[(i + 1)..])
                    : null;
            }

            int equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                return null;
            }

            string value = item[(equals + 1)..];
            switch (item[..equals])
            {
                case "--uid":
                    uid = ParseId(value);
                    break;
                case "--gid":
                    gid = ParseId(value);
                    break;
                case "--groups":
                    int?[] parsed = value.Length == 0 ? [] : [.. value.Split(',').Select(ParseId)];
                    if (Array.Exists(parsed, group => group is null))
                    {
                        return null;
                    }

                    groups = [.. parsed.Select(group => group!.Value)];
                    break;
                case "--home":
                    home = value;
                    break;
                case "--program":
                    program = value;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    public static byte[] EncodeEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        var text = new StringBuilder();
        foreach ((string name, string value) in environment)
        {
            text.Append(name).Append('=').Append(value).Append('\0');
        }

        text.Append('\0');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The NAME=VALUE entries, or null when the terminating empty entry is missing.</summary>
    public static List<string>? DecodeEnvironment(ReadOnlySpan<byte> data)
    {
        var entries = new List<string>();
        while (!data.IsEmpty)
        {
            int end = data.IndexOf((byte)0);
            if (end < 0)
            {
                return null;
            }

            if (end == 0)
            {
                return data.Length == 1 ? entries : null;
            }

            entries.Add(Encoding.UTF8.GetString(data[..end]));
            data = data[(end + 1)..];
        }

        return null;
    }

    private static int? ParseId(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? id : null;
}
