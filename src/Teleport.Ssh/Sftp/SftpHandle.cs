namespace Teleport.Ssh.Sftp;

/// <summary>An open file or directory a client refers to by handle string.</summary>
internal abstract class SftpHandle : IDisposable
{
    protected SftpHandle(string path) => Path = path;

    /// <summary>The path it was opened with, for audit records and READDIR's lstat.</summary>
    public string Path { get; }

    public abstract void Dispose();
}
