using System.Runtime.InteropServices;

namespace Teleport.Client.Terminal;

/// <summary>The terminal tsh runs in: is there one, how big is it, and raw mode for interactive sessions.</summary>
public static class LocalTerminal
{
    public static bool IsInputTerminal => TerminalNative.IsATty(TerminalNative.StdinFileno) == 1;

    public static bool IsOutputTerminal => TerminalNative.IsATty(TerminalNative.StdoutFileno) == 1;

    /// <summary>Columns and rows of the terminal on stdout (else stdin); 80x24 when there is none.</summary>
    public static (int Columns, int Rows) Size()
    {
        ushort[] winsize = new ushort[4];
        foreach (int fd in new[] { TerminalNative.StdoutFileno, TerminalNative.StdinFileno })
        {
            if (TerminalNative.IoctlWinSize(fd, TerminalNative.TIOCGWINSZ, winsize) == 0 && winsize[0] > 0 && winsize[1] > 0)
            {
                return (winsize[1], winsize[0]);
            }
        }

        return (80, 24);
    }

    /// <summary>
    /// Puts stdin in raw mode (cfmakeraw: no echo, no line editing, no signals from keys, so
    /// Ctrl-C reaches the remote shell); disposing restores the saved settings.
    /// </summary>
    public static RawMode EnterRawMode()
    {
        byte[] saved = new byte[TerminalNative.TermiosSize];
        if (TerminalNative.TcGetAttr(TerminalNative.StdinFileno, saved) != 0)
        {
            throw new ClientException($"cannot read the terminal settings (errno {Marshal.GetLastPInvokeError()})");
        }

        byte[] raw = (byte[])saved.Clone();
        TerminalNative.CfMakeRaw(raw);
        if (TerminalNative.TcSetAttr(TerminalNative.StdinFileno, TerminalNative.TCSADRAIN, raw) != 0)
        {
            throw new ClientException($"cannot put the terminal in raw mode (errno {Marshal.GetLastPInvokeError()})");
        }

        return new RawMode(saved);
    }
}
