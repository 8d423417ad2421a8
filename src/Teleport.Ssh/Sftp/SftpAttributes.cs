using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Sftp;

/// <summary>
/// The ATTRS structure of draft-ietf-secsh-filexfer-02 §5: each field is present only when its
/// flag bit is set. <see cref="Permissions"/> carries the whole <c>st_mode</c>, file type bits
/// included, as OpenSSH sends it. Times are seconds since the epoch, 32 bits as the draft has them.
/// </summary>
public sealed record SftpAttributes
{
    internal const uint FlagSize = 0x00000001;
    internal const uint FlagUidGid = 0x00000002;
    internal const uint FlagPermissions = 0x00000004;
    internal const uint FlagAcModTime = 0x00000008;
    internal const uint FlagExtended = 0x80000000;

    public static SftpAttributes Empty { get; } = new();

    public ulong? Size { get; init; }

    public uint? Uid { get; init; }

    public uint? Gid { get; init; }

    public uint? Permissions { get; init; }

    public uint? AccessTime { get; init; }

    public uint? ModifyTime { get; init; }

    /// <summary>Reads ATTRS; extended pairs are checked for framing and ignored (we define none).</summary>
    internal static SftpAttributes Read(ref SshReader reader)
    {
        uint flags = reader.ReadUInt32();
        ulong? size = (flags & FlagSize) != 0 ? reader.ReadUInt64() : null;
        uint? uid = null;
        uint? gid = null;
        if ((flags & FlagUidGid) != 0)
        {
            uid = reader.ReadUInt32();
            gid = reader.ReadUInt32();
        }

        uint? permissions = (flags & FlagPermissions) != 0 ? reader.ReadUInt32() : null;
        uint? accessTime = null;
        uint? modifyTime = null;
        if ((flags & FlagAcModTime) != 0)
        {
            accessTime = reader.ReadUInt32();
            modifyTime = reader.ReadUInt32();
        }

        if ((flags & FlagExtended) != 0)
        {
            // Each pair is at least two empty strings: a count beyond the bytes left is a lie.
            uint count = reader.ReadUInt32();
            if (count > (uint)reader.Remaining / 8)
            {
                throw new SshProtocolException($"ATTRS claims {count} extended pairs in {reader.Remaining} bytes");
            }

            for (uint i = 0; i < count; i++)
            {
                reader.ReadString();
                reader.ReadString();
            }
        }

        if (size is null && uid is null && permissions is null && accessTime is null)
        {
            return Empty;
        }

        return new SftpAttributes
        {
            Size = size,
            Uid = uid,
            Gid = gid,
            Permissions = permissions,
            AccessTime = accessTime,
            ModifyTime = modifyTime,
        };
    }

    internal void Write(SftpOutput output)
    {
        uint flags = (Size is null ? 0 : FlagSize)
            | (Uid is null || Gid is null ? 0 : FlagUidGid)
            | (Permissions is null ? 0 : FlagPermissions)
            | (AccessTime is null || ModifyTime is null ? 0 : FlagAcModTime);
        output.WriteUInt32(flags);
        if (Size is { } size)
        {
            output.WriteUInt64(size);
        }

        if (Uid is { } uid && Gid is { } gid)
        {
            output.WriteUInt32(uid);
            output.WriteUInt32(gid);
        }

        if (Permissions is { } permissions)
        {
            output.WriteUInt32(permissions);
        }

        if (AccessTime is { } accessTime && ModifyTime is { } modifyTime)
        {
            output.WriteUInt32(accessTime);
            output.WriteUInt32(modifyTime);
        }
    }
}
