using System.Runtime.InteropServices;

namespace Teleport.Ssh.Sftp;

/// <summary>An open directory stream (opendir/readdir/closedir).</summary>
internal sealed class SftpDirectoryHandle : SftpHandle
{
    // struct dirent on 64-bit glibc: d_ino u64, d_off i64, d_reclen u16, d_type u8, d_name[256].
    private const int NameOffset = 19;
    private const int NameCapacity = 256;

    private nint _directory;

    private SftpDirectoryHandle(string path, nint directory) : base(path) => _directory = directory;

    public static SftpDirectoryHandle Open(string path)
    {
        nint directory = SftpNative.Opendir(path);
        if (directory == 0)
        {
            throw SftpStatusException.FromLastError();
        }

        return new SftpDirectoryHandle(path, directory);
    }

    /// <summary>The next entry's name, or null at the end of the directory.</summary>
    public unsafe string? ReadNext()
    {
        if (_directory == 0)
        {
            return null;
        }

        nint entry = SftpNative.Readdir(_directory);
        if (entry == 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != 0)
            {
                throw SftpStatusException.FromErrno(errno);
            }

            return null;
        }

        var name = new ReadOnlySpan<byte>((byte*)entry + NameOffset, NameCapacity);
        int length = name.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(length < 0 ? name : name[..length]);
    }

    public override void Dispose()
    {
        nint directory = _directory;
        _directory = 0;
        if (directory != 0)
        {
            _ = SftpNative.Closedir(directory);
        }
    }
}
