using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Wire;

public sealed class SshReaderTests
{
    [Fact]
    public void Reads_what_the_writer_wrote()
    {
        using var writer = new SshWriter();
        writer.WriteByte(7);
        writer.WriteBoolean(true);
        writer.WriteUInt32(0xdeadbeef);
        writer.WriteUInt64(ulong.MaxValue - 1);
        writer.WriteString("héllo");
        writer.WriteNameList(["a", "b-c@example.com"]);
        writer.WriteMpint([0x00, 0x80, 0x01]);

        var reader = new SshReader(writer.WrittenSpan);
        Assert.Equal(7, reader.ReadByte());
        Assert.True(reader.ReadBoolean());
        Assert.Equal(0xdeadbeefu, reader.ReadUInt32());
        Assert.Equal(ulong.MaxValue - 1, reader.ReadUInt64());
        Assert.Equal("héllo", reader.ReadUtf8());
        Assert.Equal(["a", "b-c@example.com"], reader.ReadNameList());
        Assert.Equal(new byte[] { 0x80, 0x01 }, reader.ReadMpintMagnitude().ToArray());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Mpint_with_high_bit_gets_a_leading_zero()
    {
        using var writer = new SshWriter();
        writer.WriteMpint([0x80]);
        Assert.Equal(new byte[] { 0, 0, 0, 2, 0, 0x80 }, writer.ToArray());
    }

    [Fact]
    public void String_longer_than_the_input_is_refused()
    {
        byte[] data = [0, 0, 0, 200, 1, 2, 3];
        Assert.Throws<SshProtocolException>(() => new SshReader(data).ReadString().ToArray());
    }

    [Fact]
    public void Huge_string_length_is_refused_without_allocating()
    {
        byte[] data = [0xff, 0xff, 0xff, 0xff];
        Assert.Throws<SshProtocolException>(() => new SshReader(data).ReadString().ToArray());
    }

    [Fact]
    public void Negative_mpint_is_refused()
    {
        byte[] data = [0, 0, 0, 1, 0x80];
        Assert.Throws<SshProtocolException>(() => new SshReader(data).ReadMpintMagnitude().ToArray());
    }

    [Theory]
    [InlineData("a,,b")]
    [InlineData("a b")]
    [InlineData(",a")]
    public void Malformed_name_lists_are_refused(string list)
    {
        using var writer = new SshWriter();
        writer.WriteString(list);
        byte[] bytes = writer.ToArray();
        Assert.Throws<SshProtocolException>(() => new SshReader(bytes).ReadNameList());
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        byte[] data = [0, 0, 0, 2, 0xc3, 0x28];
        Assert.Throws<SshProtocolException>(() => new SshReader(data).ReadUtf8());
    }
}
