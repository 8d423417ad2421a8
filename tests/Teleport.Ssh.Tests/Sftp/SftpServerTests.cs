using System.Text;
using Teleport.Ssh.Sftp;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Sftp;

/// <summary>The SFTP server fed scripted packets: the handshake, replies, limits, audit records.</summary>
public sealed class SftpServerTests : IDisposable
{
    private const byte Open = 3;
    private const byte Close = 4;
    private const byte Read = 5;
    private const byte Write = 6;
    private const byte Opendir = 11;
    private const byte Readdir = 12;
    private const byte Remove = 13;
    private const byte Mkdir = 14;
    private const byte Realpath = 16;
    private const byte Extended = 200;

    private readonly TempDirectory _home = new("teleport-sftp-");
    private readonly List<SftpAuditRecord> _audit = [];

    public void Dispose() => _home.Dispose();

    private SftpServerOptions Options(int maxOpenHandles = 512) => new()
    {
        HomeDirectory = _home.Path,
        OnOperation = _audit.Add,
        MaxOpenHandles = maxOpenHandles,
    };

    [Fact]
    public async Task Init_is_answered_with_version_3_and_OpenSSHs_extensions()
    {
        List<SftpReply> replies = await new SftpScript().RunAsync(Options());

        SftpReply version = Assert.Single(replies);
        Assert.Equal(SftpReply.Version, version.Type);
        var reader = new SshReader(version.Body);
        Assert.Equal(3u, reader.ReadUInt32());
        var extensions = new Dictionary<string, string>();
        while (!reader.IsAtEnd)
        {
            extensions[reader.ReadUtf8()] = reader.ReadUtf8();
        }

        Assert.Equal("1", extensions["posix-rename@openssh.com"]);
        Assert.Equal("2", extensions["statvfs@openssh.com"]);
        Assert.Equal("2", extensions["fstatvfs@openssh.com"]);
        foreach (string name in (string[])["hardlink@openssh.com", "fsync@openssh.com", "lsetstat@openssh.com", "limits@openssh.com", "expand-path@openssh.com"])
        {
            Assert.Equal("1", extensions[name]);
        }
    }

    [Fact]
    public async Task A_packet_over_256_KiB_stops_the_server_before_reading_it()
    {
        SftpScript script = new SftpScript().Raw(SftpScript.BigEndian((256 * 1024) + 1)).Raw(new byte[1024]);

        var error = await Assert.ThrowsAsync<SftpProtocolException>(() => script.RunAsync(Options()));

        Assert.Contains("exceeds the limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_before_init_stops_the_server()
    {
        SftpScript script = new SftpScript(init: false).Packet(Realpath, w => w.WriteString("."), id: 1);

        await Assert.ThrowsAsync<SftpProtocolException>(() => script.RunAsync(Options()));
    }

    [Fact]
    public async Task Unknown_requests_and_extensions_get_op_unsupported()
    {
        List<SftpReply> replies = await new SftpScript()
            .Packet(99, _ => { }, id: 7)
            .Packet(Extended, w => w.WriteString("no-such@example.com"), id: 8)
            .RunAsync(Options());

        Assert.Equal([(7u, 8u), (8u, 8u)], replies.Skip(1).Select(r => (r.Id, r.StatusCode)));
    }

    [Fact]
    public async Task Every_truncation_of_every_request_is_answered_and_the_session_goes_on()
    {
        // Valid requests naming files in the home directory, each cut at every length after the id.
        byte[][] bodies =
        [
            Body(Open, w => { w.WriteString("f"); w.WriteUInt32(0x1A); w.WriteUInt32(0x4); w.WriteUInt32(0x1A4); }),
            Body(Read, w => { w.WriteString(new byte[8]); w.WriteUInt64(0); w.WriteUInt32(100); }),
            Body(Write, w => { w.WriteString(new byte[8]); w.WriteUInt64(0); w.WriteString(new byte[10]); }),
            Body(9, w => { w.WriteString("f"); w.WriteUInt32(0xF); w.WriteUInt64(1); w.WriteUInt32(1); w.WriteUInt32(1); w.WriteUInt32(0x1A4); w.WriteUInt32(1); w.WriteUInt32(1); }),
            Body(Mkdir, w => { w.WriteString("d"); w.WriteUInt32(0x80000004); w.WriteUInt32(0x1ED); w.WriteUInt32(1); w.WriteString("a"); w.WriteString("b"); }),
            Body(18, w => { w.WriteString("x"); w.WriteString("y"); }),
            Body(20, w => { w.WriteString("x"); w.WriteString("y"); }),
            Body(Extended, w => { w.WriteString("copy-data"); w.WriteString(new byte[8]); w.WriteUInt64(0); w.WriteUInt64(0); w.WriteString(new byte[8]); w.WriteUInt64(0); }),
            Body(Extended, w => { w.WriteString("posix-rename@openssh.com"); w.WriteString("x"); w.WriteString("y"); }),
        ];
        var script = new SftpScript();
        uint id = 0;
        foreach (byte[] body in bodies)
        {
            for (int cut = 1; cut < body.Length; cut++)
            {
                script.Packet(body[0], w => w.WriteRaw(body.AsSpan(1, cut - 1)), id: ++id);
            }
        }

        script.Packet(Realpath, w => w.WriteString("."), id: ++id);

        List<SftpReply> replies = await script.RunAsync(Options(), seed: 7);

        Assert.Equal(Enumerable.Range(1, (int)id).Select(i => (uint)i), replies.Skip(1).Select(r => r.Id));
        Assert.Equal(SftpReply.Name, replies[^1].Type);
        Assert.False(File.Exists(_home.Combine("y")));
    }

    [Fact]
    public async Task Random_garbage_requests_are_answered_one_reply_each()
    {
        var random = new Random(42);
        var script = new SftpScript();
        for (uint id = 1; id <= 2000; id++)
        {
            byte[] garbage = new byte[random.Next(0, 64)];
            random.NextBytes(garbage);
            if (garbage.Length > 0)
            {
                garbage[0] |= 0x80; // the first length field is absurd: nothing valid reaches the file system
            }

            byte type = (byte)random.Next(3, 21);
            script.Packet(type == Remove ? (byte)Extended : type, w => w.WriteRaw(garbage), id: id);
        }

        List<SftpReply> replies = await script.RunAsync(Options(), seed: 3);

        Assert.Equal(2001, replies.Count);
        Assert.All(replies.Skip(1), r => Assert.Equal(SftpReply.Status, r.Type));
    }

    [Fact]
    public async Task A_lying_extended_attribute_count_is_a_bad_message()
    {
        List<SftpReply> replies = await new SftpScript()
            .Packet(Mkdir, w => { w.WriteString("d"); w.WriteUInt32(0x80000000); w.WriteUInt32(uint.MaxValue); }, id: 1)
            .RunAsync(Options());

        Assert.Equal(5u, replies[1].StatusCode);
        Assert.False(Directory.Exists(_home.Combine("d")));
    }

    [Fact]
    public async Task Open_handles_are_bounded_and_stale_handles_refused()
    {
        await File.WriteAllTextAsync(_home.Combine("f"), "hello");
        var script = new SftpScript();
        for (uint id = 1; id <= 3; id++)
        {
            script.Packet(Open, w => { w.WriteString("f"); w.WriteUInt32(1); w.WriteUInt32(0); }, id: id);
        }

        List<SftpReply> replies = await script.RunAsync(Options(maxOpenHandles: 2));

        Assert.Equal(SftpReply.Handle, replies[1].Type);
        Assert.Equal(SftpReply.Handle, replies[2].Type);
        Assert.Equal(4u, replies[3].StatusCode);
        Assert.Contains("too many open handles", replies[3].StatusMessage, StringComparison.Ordinal);

        // A closed handle's slot is reused with a new generation: the old handle is refused.
        byte[] first = replies[1].String;
        replies = await new SftpScript()
            .Packet(Open, w => { w.WriteString("f"); w.WriteUInt32(1); w.WriteUInt32(0); }, id: 1)
            .Packet(Close, w => w.WriteString(first), id: 2)
            .Packet(Open, w => { w.WriteString("f"); w.WriteUInt32(1); w.WriteUInt32(0); }, id: 3)
            .Packet(Read, w => { w.WriteString(first); w.WriteUInt64(0); w.WriteUInt32(5); }, id: 4)
            .RunAsync(Options(maxOpenHandles: 1));
        Assert.Equal(0u, replies[2].StatusCode);
        Assert.NotEqual(first, replies[3].String);
        Assert.Equal(4u, replies[4].StatusCode);
    }

    [Fact]
    public async Task Reads_are_cut_to_the_limit_and_end_with_eof()
    {
        await File.WriteAllBytesAsync(_home.Combine("big"), new byte[600 * 1024]);
        var script = new SftpScript().Packet(Open, w => { w.WriteString("big"); w.WriteUInt32(1); w.WriteUInt32(0); }, id: 1);
        List<SftpReply> opened = await script.RunAsync(Options());
        byte[] handle = opened[1].String;

        List<SftpReply> replies = await script
            .Packet(Read, w => { w.WriteString(handle); w.WriteUInt64(0); w.WriteUInt32(uint.MaxValue); }, id: 2)
            .Packet(Read, w => { w.WriteString(handle); w.WriteUInt64(600 * 1024); w.WriteUInt32(100); }, id: 3)
            .RunAsync(Options());

        Assert.Equal(SftpReply.Data, replies[2].Type);
        Assert.Equal(255 * 1024, replies[2].String.Length);
        Assert.Equal(1u, replies[3].StatusCode);
    }

    [Fact]
    public async Task Writes_land_at_their_offsets()
    {
        var script = new SftpScript().Packet(Open, w => { w.WriteString("w"); w.WriteUInt32(0x1A); w.WriteUInt32(0); }, id: 1);
        byte[] handle = (await script.RunAsync(Options()))[1].String;

        List<SftpReply> replies = await script
            .Packet(Write, w => { w.WriteString(handle); w.WriteUInt64(6); w.WriteString("world"u8); }, id: 2)
            .Packet(Write, w => { w.WriteString(handle); w.WriteUInt64(0); w.WriteString("hello "u8); }, id: 3)
            .Packet(Close, w => w.WriteString(handle), id: 4)
            .RunAsync(Options());

        Assert.All(replies.Skip(2), r => Assert.Equal(0u, r.StatusCode));
        Assert.Equal("hello world", await File.ReadAllTextAsync(_home.Combine("w")));
    }

    [Fact]
    public async Task Errors_map_to_status_codes_and_are_audited()
    {
        Directory.CreateDirectory(_home.Combine("locked"));
        File.SetUnixFileMode(_home.Combine("locked"), UnixFileMode.None);
        bool root = Environment.UserName == "root";

        List<SftpReply> replies = await new SftpScript()
            .Packet(Remove, w => w.WriteString("missing"), id: 1)
            .Packet(Mkdir, w => { w.WriteString("made"); w.WriteUInt32(0); }, id: 2)
            .Packet(Opendir, w => w.WriteString("locked"), id: 3)
            .Packet(Realpath, w => w.WriteString("made/../new-file"), id: 4)
            .Packet(Open, w => { w.WriteString("bad\0name"); w.WriteUInt32(0x1A); w.WriteUInt32(0); }, id: 5)
            .RunAsync(Options());

        Assert.Equal(2u, replies[1].StatusCode);
        Assert.Equal("No such file or directory", replies[1].StatusMessage);
        Assert.Equal(0u, replies[2].StatusCode);
        Assert.Equal(root ? SftpReply.Handle : SftpReply.Status, replies[3].Type);
        if (!root)
        {
            Assert.Equal(3u, replies[3].StatusCode);
        }

        var name = new SshReader(replies[4].Body);
        Assert.Equal(1u, name.ReadUInt32());
        Assert.Equal(_home.Combine("new-file"), Encoding.UTF8.GetString(name.ReadString()));
        Assert.Equal(5u, replies[5].StatusCode);
        Assert.False(File.Exists(_home.Combine("bad")));

        Assert.Equal(new SftpAuditRecord("remove", _home.Combine("missing"), Error: "No such file or directory"), _audit[0]);
        Assert.Equal(new SftpAuditRecord("mkdir", _home.Combine("made"), Attributes: SftpAttributes.Empty), _audit[1]);
        Assert.Equal("opendir", _audit[2].Action);
        Assert.Equal(3, _audit.Count);
    }

    [Fact]
    public async Task Readdir_lists_entries_with_ls_style_long_names_then_eof()
    {
        await File.WriteAllTextAsync(_home.Combine("a.txt"), "abc");
        var script = new SftpScript().Packet(Opendir, w => w.WriteString(""), id: 1);
        byte[] handle = (await script.RunAsync(Options()))[1].String;

        List<SftpReply> replies = await script
            .Packet(Readdir, w => w.WriteString(handle), id: 2)
            .Packet(Readdir, w => w.WriteString(handle), id: 3)
            .RunAsync(Options());

        var reader = new SshReader(replies[2].Body);
        uint count = reader.ReadUInt32();
        var longNames = new Dictionary<string, string>();
        for (int i = 0; i < count; i++)
        {
            string file = reader.ReadUtf8();
            longNames[file] = reader.ReadUtf8();
            SftpAttributes.Read(ref reader);
        }

        Assert.Equal([".", "..", "a.txt"], longNames.Keys.Order(StringComparer.Ordinal));
        Assert.Matches(@"^-rw-[r-][w-]-[r-]-- +1 \S+ +\S+ +3 \w{3} [ \d]\d [\d :]{5} a\.txt$", longNames["a.txt"]);
        Assert.Equal(1u, replies[3].StatusCode);
    }

    [Fact]
    public async Task Limits_and_expand_path_follow_OpenSSH()
    {
        List<SftpReply> replies = await new SftpScript()
            .Packet(Extended, w => w.WriteString("limits@openssh.com"), id: 1)
            .Packet(Extended, w => { w.WriteString("expand-path@openssh.com"); w.WriteString("~/x"); }, id: 2)
            .RunAsync(Options());

        var limits = new SshReader(replies[1].Body);
        Assert.Equal((256ul * 1024, 255ul * 1024, 255ul * 1024, 512ul), (limits.ReadUInt64(), limits.ReadUInt64(), limits.ReadUInt64(), limits.ReadUInt64()));
        var name = new SshReader(replies[2].Body);
        name.ReadUInt32();
        Assert.Equal(_home.Combine("x"), Encoding.UTF8.GetString(name.ReadString()));
    }

    [Fact]
    public void Options_name_the_bad_field()
    {
        Assert.Equal("HomeDirectory", Assert.Throws<SshOptionsException>(() => new SftpServer(new SftpServerOptions { HomeDirectory = "rel" })).Field);
        Assert.Equal("MaxReadLength", Assert.Throws<SshOptionsException>(() => new SftpServer(new SftpServerOptions { HomeDirectory = "/", MaxReadLength = 256 * 1024 })).Field);
    }

    private static byte[] Body(byte type, Action<SshWriter> write)
    {
        using var writer = new SshWriter();
        writer.WriteByte(type);
        write(writer);
        return writer.ToArray();
    }
}
