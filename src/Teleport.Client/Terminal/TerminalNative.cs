using System.Runtime.InteropServices;

namespace Teleport.Client.Terminal;

/// <summary>
/// The termios and tty calls of glibc on Linux. struct termios is passed as an opaque buffer
/// (60 bytes on Linux; 64 leaves room) so no layout is restated here.
/// </summary>
internal static partial class TerminalNative
{
    public const int StdinFileno = 0;
    public const int StdoutFileno = 1;
    public const int TermiosSize = 64;
    public const int TCSANOW = 0;
    public const int TCSADRAIN = 1;
    public const uint TIOCGWINSZ = 0x5413;

    [LibraryImport("libc", EntryPoint = "isatty")]
    public static partial int IsATty(int fd);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int TcGetAttr(int fd, [Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int TcSetAttr(int fd, int optionalActions, byte[] termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static partial void CfMakeRaw(byte[] termios);

    /// <summary>ioctl(fd, TIOCGWINSZ, struct winsize *): rows, columns, x and y pixels as four unsigned shorts.</summary>
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoctlWinSize(int fd, nuint request, [Out] ushort[] winsize);
}
