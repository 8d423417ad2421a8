using System.Globalization;

namespace Teleport.Ssh.Sftp;

/// <summary>
/// The <c>longname</c> of a READDIR entry: an <c>ls -l</c> line, as OpenSSH's ls_file writes it
/// (the draft leaves the format open; clients print it verbatim for <c>ls -l</c>).
/// </summary>
internal static class SftpLongName
{
    private static readonly Lazy<Dictionary<uint, string>> Users = new(() => ReadNames("/etc/passwd"));
    private static readonly Lazy<Dictionary<uint, string>> Groups = new(() => ReadNames("/etc/group"));

    public static string Format(string name, SftpFileStatus status, DateTimeOffset now)
    {
        string user = Users.Value.TryGetValue(status.Uid, out string? u) ? u : status.Uid.ToString(CultureInfo.InvariantCulture);
        string group = Groups.Value.TryGetValue(status.Gid, out string? g) ? g : status.Gid.ToString(CultureInfo.InvariantCulture);
        // Clamped two days inside DateTimeOffset's range so the local-time shift cannot overflow.
        DateTimeOffset modified = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(status.ModifyTime, -62135596800L + 172800, 253402300799L - 172800)).ToLocalTime();

        // ls shows the time of day for files changed within the last six months, the year otherwise.
        bool recent = modified > now.AddDays(-182) && modified <= now.AddDays(1);
        string day = modified.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2);
        string when = recent
            ? string.Create(CultureInfo.InvariantCulture, $"{modified:MMM} {day} {modified:HH:mm}")
            : string.Create(CultureInfo.InvariantCulture, $"{modified:MMM} {day}  {modified:yyyy}");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Mode(status.Mode)} {status.LinkCount,4} {user,-8} {group,-8} {status.Size,8} {when} {name}");
    }

    /// <summary>strmode(3): the type letter then rwx triplets with setuid, setgid and sticky bits.</summary>
    public static string Mode(uint mode)
    {
        Span<char> text = stackalloc char[10];
        text[0] = (mode & SftpFileStatus.TypeMask) switch
        {
            SftpFileStatus.Directory => 'd',
            SftpFileStatus.Symlink => 'l',
            SftpFileStatus.Regular => '-',
            0x2000 => 'c',
            0x6000 => 'b',
            0x1000 => 'p',
            0xC000 => 's',
            _ => '?',
        };
        text[1] = (mode & 0x100) != 0 ? 'r' : '-';
        text[2] = (mode & 0x80) != 0 ? 'w' : '-';
        text[3] = Execute(mode & 0x40, mode & 0x800, 's');
        text[4] = (mode & 0x20) != 0 ? 'r' : '-';
        text[5] = (mode & 0x10) != 0 ? 'w' : '-';
        text[6] = Execute(mode & 0x8, mode & 0x400, 's');
        text[7] = (mode & 0x4) != 0 ? 'r' : '-';
        text[8] = (mode & 0x2) != 0 ? 'w' : '-';
        text[9] = Execute(mode & 0x1, mode & 0x200, 't');
        return new string(text);
    }

    private static char Execute(uint execute, uint special, char letter) => (execute != 0, special != 0) switch
    {
        (true, true) => letter,
        (false, true) => char.ToUpperInvariant(letter),
        (true, false) => 'x',
        _ => '-',
    };

    /// <summary>name:x:id:... lines of /etc/passwd or /etc/group; an unreadable file gives numbers.</summary>
    private static Dictionary<uint, string> ReadNames(string file)
    {
        var names = new Dictionary<uint, string>();
        try
        {
            foreach (string line in File.ReadLines(file))
            {
                string[] fields = line.Split(':');
                if (fields.Length > 2 && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint id))
                {
                    names.TryAdd(id, fields[0]);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No names: the listing shows numeric ids, as ls does for unknown users.
        }

        return names;
    }
}
