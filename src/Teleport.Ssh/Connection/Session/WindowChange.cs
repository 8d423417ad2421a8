using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Connection.Session;

/// <summary>A window-change (RFC 4254 §6.7).</summary>
public readonly record struct WindowChange(uint Columns, uint Rows, uint WidthPixels, uint HeightPixels)
{
    public static WindowChange Parse(ReadOnlySpan<byte> data)
    {
        var reader = new SshReader(data);
        return new WindowChange(reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32());
    }
}
