using System.Buffers.Binary;
using Teleport.Ssh.Sftp;
using Teleport.Ssh.Tests.Hostile;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Sftp;

/// <summary>Builds a client's side of an SFTP conversation, runs it through an <see cref="SftpServer"/> and splits the replies.</summary>
internal sealed class SftpScript
{
    private readonly MemoryStream _input = new();

    public SftpScript(bool init = true)
    {
        if (init)
        {
            Packet(1, w => w.WriteUInt32(3), withId: false);
        }
    }

    /// <summary>Appends one framed packet: type, optional id, then what <paramref name="body"/> writes.</summary>
    public SftpScript Packet(byte type, Action<SshWriter> body, uint id = 0, bool withId = true)
    {
        using var writer = new SshWriter();
        writer.WriteByte(type);
        if (withId)
        {
            writer.WriteUInt32(id);
        }

        body(writer);
        Raw(BigEndian((uint)writer.Length));
        Raw(writer.WrittenSpan);
        return this;
    }

    public SftpScript Raw(ReadOnlySpan<byte> bytes)
    {
        _input.Write(bytes);
        return this;
    }

    public byte[] Bytes => _input.ToArray();

    public static byte[] BigEndian(uint value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>Runs the script (in chunks of seeded random sizes) and returns the reply packets.</summary>
    public async Task<List<SftpReply>> RunAsync(SftpServerOptions options, int seed = 1)
    {
        var output = new MemoryStream();
        var server = new SftpServer(options);
        await server.RunAsync(new ScriptedInputStream(Bytes, seed), output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return SftpReply.Split(output.ToArray());
    }
}
