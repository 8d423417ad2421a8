using System.Runtime.InteropServices;

namespace Teleport.Srv.Processes;

/// <summary>
/// An OS account as the name service switch reports it (getpwnam_r), with its supplementary groups
/// (getgrouplist): the identity a session runs as.
/// </summary>
public sealed record UnixUser(string Name, int Uid, int Gid, string Home, string Shell, IReadOnlyList<int> Groups)
{
    private static readonly Lazy<UnixUser> CurrentUser = new(LookupCurrent);

    /// <summary>The account this process runs as (its effective uid).</summary>
    public static UnixUser Current => CurrentUser.Value;

    /// <summary>The account named <paramref name="name"/>, or null when there is none.</summary>
    /// <exception cref="SessionProcessException">The name service failed (not: the user does not exist).</exception>
    public static unsafe UnixUser? Lookup(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        nint utf8 = Marshal.StringToCoTaskMemUTF8(name);
        try
        {
            return Query(name, (passwd, buffer, length, result) => Native.GetPwNamR((byte*)utf8, passwd, buffer, length, result));
        }
        finally
        {
            Marshal.FreeCoTaskMem(utf8);
        }
    }

    /// <summary>The gid of the group named <paramref name="name"/> (e.g. "tty"), or null.</summary>
    internal static unsafe int? LookupGroupId(string name)
    {
        nint utf8 = Marshal.StringToCoTaskMemUTF8(name);
        try
        {
            for (int length = 1024; length <= 1 << 20; length *= 4)
            {
                byte[] buffer = new byte[length];
                Native.Group group;
                Native.Group* result;
                int error;
                fixed (byte* b = buffer)
                {
                    error = Native.GetGrNamR((byte*)utf8, &group, b, (nuint)length, &result);
                }

                if (error == Native.ERANGE)
                {
                    continue;
                }

                return error == 0 && result != null ? (int)group.Gid : null;
            }

            return null;
        }
        finally
        {
            Marshal.FreeCoTaskMem(utf8);
        }
    }

    private static unsafe UnixUser LookupCurrent()
    {
        uint uid = Native.GetEUid();
        return Query($"uid {uid}", (passwd, buffer, length, result) => Native.GetPwUidR(uid, passwd, buffer, length, result))
            ?? throw new SessionProcessException($"this process runs as uid {uid}, which has no passwd entry");
    }

    private unsafe delegate int PasswdQuery(Native.Passwd* passwd, byte* buffer, nuint length, Native.Passwd** result);

    private static unsafe UnixUser? Query(string who, PasswdQuery query)
    {
        // getpwnam_r reports a short buffer with ERANGE: grow it (LDAP entries can be large).
        for (int length = 1024; length <= 1 << 20; length *= 4)
        {
            byte[] buffer = new byte[length];
            fixed (byte* b = buffer)
            {
                Native.Passwd passwd;
                Native.Passwd* result;
                int error = query(&passwd, b, (nuint)length, &result);
                if (error == Native.ERANGE)
                {
                    continue;
                }

                if (error != 0)
                {
                    throw new SessionProcessException($"cannot look up user {who}: {Native.ErrorText(error)}");
                }

                if (result == null)
                {
                    return null;
                }

                string name = Text(passwd.Name);
                return new UnixUser(name, (int)passwd.Uid, (int)passwd.Gid, Text(passwd.Directory), Text(passwd.Shell), GroupList(passwd.Name, passwd.Gid));
            }
        }

        throw new SessionProcessException($"cannot look up user {who}: its passwd entry is larger than 1 MiB");
    }

    /// <summary>getgrouplist: the primary group first, then every group that lists the user.</summary>
    private static unsafe int[] GroupList(byte* name, uint gid)
    {
        int count = 32;
        while (true)
        {
            uint[] groups = new uint[count];
            int found = count;
            int result;
            fixed (uint* g = groups)
            {
                result = Native.GetGroupList(name, gid, g, &found);
            }

            if (result >= 0)
            {
                return [.. groups.Take(result).Select(group => (int)group)];
            }

            // -1 with the needed count written back.
            count = Math.Max(found, count * 2);
        }
    }

    private static unsafe string Text(byte* utf8) => Marshal.PtrToStringUTF8((nint)utf8) ?? "";
}
