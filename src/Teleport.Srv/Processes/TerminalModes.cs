using System.ComponentModel;
using System.Runtime.InteropServices;
using Teleport.Ssh.Connection.Session;

namespace Teleport.Srv.Processes;

/// <summary>
/// Applies the encoded terminal modes of a pty-req (RFC 4254 §8, IUTF8 from RFC 8160) to a
/// terminal's termios, as OpenSSH's tty_parse_modes does: control characters set c_cc, the
/// boolean modes set or clear one flag bit, the speeds go through cfset[io]speed. Opcodes the
/// table does not know (VDSUSP, VSTATUS: not on Linux) are ignored, as the RFC asks.
/// </summary>
internal static class TerminalModes
{
    // c_cc indices (asm-generic/termbits.h).
    private const int VIntrIndex = 0;
    private const int VQuitIndex = 1;
    private const int VEraseIndex = 2;
    private const int VKillIndex = 3;
    private const int VEofIndex = 4;
    private const int VStartIndex = 8;
    private const int VStopIndex = 9;
    private const int VSuspIndex = 10;
    private const int VEolIndex = 11;
    private const int VReprintIndex = 12;
    private const int VDiscardIndex = 13;
    private const int VWeraseIndex = 14;
    private const int VLnextIndex = 15;
    private const int VEol2Index = 16;

    /// <summary>Which termios word a flag opcode changes.</summary>
    private enum Word
    {
        Input,
        Output,
        Control,
        Local,
    }

    /// <summary>Applies <paramref name="modes"/> to the terminal open on <paramref name="fd"/>.</summary>
    public static unsafe void Apply(int fd, IReadOnlyList<TerminalMode> modes)
    {
        if (modes.Count == 0)
        {
            return;
        }

        Native.Termios termios;
        if (Native.TcGetAttr(fd, &termios) < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "tcgetattr");
        }

        foreach (TerminalMode mode in modes)
        {
            Apply(ref termios, mode);
        }

        if (Native.TcSetAttr(fd, Native.TcSaNow, &termios) < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "tcsetattr");
        }
    }

    internal static unsafe void Apply(ref Native.Termios termios, TerminalMode mode)
    {
        if (ControlCharacter(mode.Opcode) is int index)
        {
            // 255 is "disabled" on the wire; Linux spells it _POSIX_VDISABLE, 0.
            termios.ControlCharacters[index] = mode.Value == 255 ? (byte)0 : (byte)mode.Value;
            return;
        }

        if (Flag(mode.Opcode) is (Word word, uint mask, uint bits))
        {
            ref uint flags = ref Flags(ref termios, word);
            flags = mode.Value != 0 ? (flags & ~mask) | bits : flags & ~bits;
            return;
        }

        if (mode.Opcode is PtyRequest.InputSpeed or PtyRequest.OutputSpeed && Speed(mode.Value) is uint speed)
        {
            fixed (Native.Termios* t = &termios)
            {
                _ = mode.Opcode == PtyRequest.InputSpeed ? Native.CfSetISpeed(t, speed) : Native.CfSetOSpeed(t, speed);
            }
        }
    }

    private static ref uint Flags(ref Native.Termios termios, Word word)
    {
        switch (word)
        {
            case Word.Input:
                return ref termios.InputFlags;
            case Word.Output:
                return ref termios.OutputFlags;
            case Word.Control:
                return ref termios.ControlFlags;
            default:
                return ref termios.LocalFlags;
        }
    }

    private static int? ControlCharacter(byte opcode) => opcode switch
    {
        1 => VIntrIndex,
        2 => VQuitIndex,
        3 => VEraseIndex,
        4 => VKillIndex,
        5 => VEofIndex,
        6 => VEolIndex,
        7 => VEol2Index,
        8 => VStartIndex,
        9 => VStopIndex,
        10 => VSuspIndex,
        12 => VReprintIndex,
        13 => VWeraseIndex,
        14 => VLnextIndex,
        18 => VDiscardIndex,
        _ => null,
    };

    /// <summary>The termios word, the mask to clear and the bits to set for a flag opcode (octal values from termbits.h).</summary>
    private static (Word Word, uint Mask, uint Bits)? Flag(byte opcode) => opcode switch
    {
        30 => (Word.Input, 0, 0x4),        // IGNPAR
        31 => (Word.Input, 0, 0x8),        // PARMRK
        32 => (Word.Input, 0, 0x10),       // INPCK
        33 => (Word.Input, 0, 0x20),       // ISTRIP
        34 => (Word.Input, 0, 0x40),       // INLCR
        35 => (Word.Input, 0, 0x80),       // IGNCR
        36 => (Word.Input, 0, 0x100),      // ICRNL
        37 => (Word.Input, 0, 0x200),      // IUCLC
        38 => (Word.Input, 0, 0x400),      // IXON
        39 => (Word.Input, 0, 0x800),      // IXANY
        40 => (Word.Input, 0, 0x1000),     // IXOFF
        41 => (Word.Input, 0, 0x2000),     // IMAXBEL
        42 => (Word.Input, 0, 0x4000),     // IUTF8 (RFC 8160)
        50 => (Word.Local, 0, 0x1),        // ISIG
        51 => (Word.Local, 0, 0x2),        // ICANON
        52 => (Word.Local, 0, 0x4),        // XCASE
        53 => (Word.Local, 0, 0x8),        // ECHO
        54 => (Word.Local, 0, 0x10),       // ECHOE
        55 => (Word.Local, 0, 0x20),       // ECHOK
        56 => (Word.Local, 0, 0x40),       // ECHONL
        57 => (Word.Local, 0, 0x80),       // NOFLSH
        58 => (Word.Local, 0, 0x100),      // TOSTOP
        59 => (Word.Local, 0, 0x8000),     // IEXTEN
        60 => (Word.Local, 0, 0x200),      // ECHOCTL
        61 => (Word.Local, 0, 0x800),      // ECHOKE
        62 => (Word.Local, 0, 0x4000),     // PENDIN
        70 => (Word.Output, 0, 0x1),       // OPOST
        71 => (Word.Output, 0, 0x2),       // OLCUC
        72 => (Word.Output, 0, 0x4),       // ONLCR
        73 => (Word.Output, 0, 0x8),       // OCRNL
        74 => (Word.Output, 0, 0x10),      // ONOCR
        75 => (Word.Output, 0, 0x20),      // ONLRET
        90 => (Word.Control, 0x30, 0x20),  // CS7: a character size, so CSIZE is cleared first
        91 => (Word.Control, 0x30, 0x30),  // CS8
        92 => (Word.Control, 0, 0x100),    // PARENB
        93 => (Word.Control, 0, 0x200),    // PARODD
        _ => null,
    };

    /// <summary>The Bnnn constant for a baud rate (glibc before 2.42 takes only these).</summary>
    private static uint? Speed(uint baud) => baud switch
    {
        0 => 0,
        50 => 1,
        75 => 2,
        110 => 3,
        134 => 4,
        150 => 5,
        200 => 6,
        300 => 7,
        600 => 8,
        1200 => 9,
        1800 => 10,
        2400 => 11,
        4800 => 12,
        9600 => 13,
        19200 => 14,
        38400 => 15,
        57600 => 0x1001,
        115200 => 0x1002,
        230400 => 0x1003,
        460800 => 0x1004,
        500000 => 0x1005,
        576000 => 0x1006,
        921600 => 0x1007,
        1000000 => 0x1008,
        _ => null,
    };
}
