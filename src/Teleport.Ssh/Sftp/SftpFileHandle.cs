using Microsoft.Win32.SafeHandles;

namespace Teleport.Ssh.Sftp;

/// <summary>An open file: a descriptor read and written at explicit offsets (pread/pwrite).</summary>
internal sealed class SftpFileHandle : SftpHandle
{
    public SftpFileHandle(string path, SafeFileHandle file) : base(path) => File = file;

    public SafeFileHandle File { get; }

    /// <summary>The raw descriptor for the f* calls; valid while <see cref="File"/> is open.</summary>
    public int Descriptor => (int)File.DangerousGetHandle();

    public override void Dispose() => File.Dispose();
}
