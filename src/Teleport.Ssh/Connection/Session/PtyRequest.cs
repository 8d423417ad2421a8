using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Connection.Session;

/// <summary>A pty-req (RFC 4254 §6.2): terminal type, size and encoded terminal modes.</summary>
public sealed record PtyRequest(string Term, uint Columns, uint Rows, uint WidthPixels, uint HeightPixels, IReadOnlyList<TerminalMode> Modes)
{
    /// <summary>TTY_OP_ISPEED and TTY_OP_OSPEED (RFC 4254 §8).</summary>
    public const byte InputSpeed = 128;

    public const byte OutputSpeed = 129;

    private const int MaxModes = 256;

    public static PtyRequest Parse(ReadOnlySpan<byte> data)
    {
        var reader = new SshReader(data);
        string term = reader.ReadUtf8(256);
        uint columns = reader.ReadUInt32();
        uint rows = reader.ReadUInt32();
        uint width = reader.ReadUInt32();
        uint height = reader.ReadUInt32();
        return new PtyRequest(term, columns, rows, width, height, ParseModes(reader.ReadString()));
    }

    /// <summary>Opcode and uint32 pairs up to TTY_OP_END (0); opcodes 160 and above end parsing, as the RFC allows.</summary>
    public static IReadOnlyList<TerminalMode> ParseModes(ReadOnlySpan<byte> encoded)
    {
        var reader = new SshReader(encoded);
        var modes = new List<TerminalMode>();
        while (!reader.IsAtEnd)
        {
            byte opcode = reader.ReadByte();
            if (opcode is 0 or >= 160)
            {
                break;
            }

            if (modes.Count == MaxModes)
            {
                throw new SshProtocolException($"more than {MaxModes} terminal modes");
            }

            modes.Add(new TerminalMode(opcode, reader.ReadUInt32()));
        }

        return modes;
    }

    internal void WriteTo(SshDataWriter writer)
    {
        writer.WriteString(Term);
        writer.WriteUInt32(Columns);
        writer.WriteUInt32(Rows);
        writer.WriteUInt32(WidthPixels);
        writer.WriteUInt32(HeightPixels);
        using var modes = new SshWriter(Modes.Count * 5 + 1);
        foreach (TerminalMode mode in Modes)
        {
            modes.WriteByte(mode.Opcode);
            modes.WriteUInt32(mode.Value);
        }

        modes.WriteByte(0);
        writer.WriteString(modes.WrittenSpan);
    }
}
