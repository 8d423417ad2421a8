using System.Runtime.InteropServices;

namespace Teleport.Services;

/// <summary>
/// teleport.log.output naming a file: the process's standard error is pointed at it (appending,
/// created 0600), as a daemon's is, so the log lines and anything the runtime itself reports on
/// a crash land in the same file.
/// </summary>
internal static partial class LogFile
{
    private const int StandardError = 2;

    /// <summary>Opens <paramref name="path"/> for appending and makes it the standard error. Throws IOException with the reason.</summary>
    public static void RedirectStandardError(string path)
    {
        using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        if (Dup2((int)file.SafeFileHandle.DangerousGetHandle(), StandardError) < 0)
        {
            throw new IOException($"cannot write the log to {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int oldDescriptor, int newDescriptor);
}
