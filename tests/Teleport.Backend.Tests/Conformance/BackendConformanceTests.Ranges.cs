using System.Text;

namespace Teleport.Backend.Tests.Conformance;

public abstract partial class BackendConformanceTests
{
    /// <summary>Keys that share prefixes, sit either side of '/', and cross every UTF-8 length, with U+E000 and U+FFFD (which UTF-16 order would put after astral characters).</summary>
    private static readonly string[] OrderingKeys =
    [
        "/a", "/a/", "/a/b", "/a/b/c", "/a/bb", "/a/b0", "/a/b-", "/a-", "/a0", "/ab", "/a/Z", "/a/z",
        "/a/\u0000x", "/a/\u007F", "/a/\u0080", "/a/\u00E9", "/a/\u00E9t\u00E9", "/a/\u65E5\u672C", "/a/\uD7FF",
        "/a/\uE000", "/a/\uFFFD", "/a/\U0001F600", "/a/\U0001F600/x", "/a/\U0010FFFF", "/b",
    ];

    [Fact]
    public async Task Range_returns_keys_in_utf8_byte_order_whatever_the_order_of_writing()
    {
        foreach (string key in OrderingKeys.OrderBy(key => key.GetHashCode(StringComparison.Ordinal)))
        {
            await Backend.PutAsync(NewItem(key, key));
        }

        string[] expected = [.. OrderingKeys.OrderBy(Encoding.UTF8.GetBytes, ByteOrder.Instance)];
        Assert.Equal(expected, await KeysInRangeAsync("/", "0"));
        Assert.Equal(expected, OrderingKeys.Order(Keys.Comparer).ToArray());
        foreach (Item item in await Backend.GetRangeAsync("/", "0", 0))
        {
            Assert.Equal(item.Key, Text(item));
        }
    }

    [Fact]
    public async Task Prefix_reads_hold_exactly_the_keys_under_the_prefix()
    {
        foreach (string key in OrderingKeys)
        {
            await Backend.PutAsync(NewItem(key, key));
        }

        foreach (string prefix in new[] { "/a/", "/a/b", "/a/b/", "/a/\u00E9", "/a/\U0001F600", "/a/\U0010FFFF", "/a/\uE000", "/", "/c" })
        {
            string[] expected = [.. OrderingKeys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).Order(Keys.Comparer)];
            Assert.Equal(expected, await KeysUnderAsync(prefix));
        }
    }

    [Fact]
    public async Task Range_includes_its_start_and_excludes_its_end()
    {
        foreach (string key in new[] { "/r/1", "/r/2", "/r/3", "/r/4" })
        {
            await Backend.PutAsync(NewItem(key, "v"));
        }

        Assert.Equal(["/r/2", "/r/3"], await KeysInRangeAsync("/r/2", "/r/4"));
        Assert.Equal(["/r/2", "/r/3"], await KeysInRangeAsync("/r/1\u0000", "/r/3\u0000"));
        Assert.Empty(await KeysInRangeAsync("/r/2", "/r/2"));
        Assert.Empty(await KeysInRangeAsync("/r/4", "/r/1"));
        Assert.Empty(await KeysInRangeAsync("/s", "/t"));
    }

    [Fact]
    public async Task Limit_returns_the_first_live_items_in_order()
    {
        for (int i = 9; i >= 0; i--)
        {
            await Backend.PutAsync(NewItem($"/l/{i}", $"{i}", i == 1 ? Start.AddSeconds(1) : null));
        }

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["/l/0", "/l/2", "/l/3"], await KeysInRangeAsync("/l/", "/l0", limit: 3));
        Assert.Equal(["/l/0"], await KeysInRangeAsync("/l/", "/l0", limit: 1));
        Assert.Equal(9, (await KeysInRangeAsync("/l/", "/l0", limit: 0)).Length);
        Assert.Equal(9, (await KeysInRangeAsync("/l/", "/l0", limit: 100)).Length);
        Assert.Equal(["/l/0", "/l/2"], (await Backend.GetPrefixAsync("/l/", limit: 2)).Select(item => item.Key));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Backend.GetRangeAsync("/l/", "/l0", -1).AsTask());
    }

    [Fact]
    public async Task Keys_must_start_with_a_slash_and_be_well_formed()
    {
        foreach (string bad in new[] { string.Empty, "users/alice", "/a/\uD800", "/a/\uDC00x", "/a/\uD83D" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Backend.PutAsync(NewItem(bad, "v")).AsTask());
            await Assert.ThrowsAsync<ArgumentException>(() => Backend.GetAsync(bad).AsTask());
            await Assert.ThrowsAsync<ArgumentException>(() => Backend.DeleteAsync(bad).AsTask());
        }

        await Assert.ThrowsAsync<ArgumentNullException>(() => Backend.GetAsync(null!).AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => Backend.PutAsync(null!).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => Backend.GetRangeAsync("/a", "/b\uDFFF", 0).AsTask());
        Assert.Null(await Backend.GetAsync("/never/written"));
    }

    [Fact]
    public async Task Values_come_back_byte_for_byte()
    {
        byte[] binary = [0, 1, 0xFF, 0, 0x80, 0x7F];
        byte[] large = new byte[1 << 20];
        new Random(42).NextBytes(large);
        foreach ((string key, byte[] value) in new[] { ("/v/empty", Array.Empty<byte>()), ("/v/binary", binary), ("/v/large", large) })
        {
            Item stored = await Backend.PutAsync(new Item(key, value));
            Item? read = await Backend.GetAsync(key);
            Assert.NotNull(read);
            Assert.Equal(value, read.Value.ToArray());
            Assert.Equal(stored, read);
        }
    }

    [Fact]
    public async Task The_stored_value_is_a_copy_of_the_callers_buffer()
    {
        byte[] buffer = Encoding.UTF8.GetBytes("before");
        await Backend.PutAsync(new Item("/copy", buffer));
        buffer[0] = (byte)'X';
        Assert.Equal("before", Text(await Backend.GetAsync("/copy")));
    }

    /// <summary>memcmp order, what SQLite and PostgreSQL use for BLOB and bytea.</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static ByteOrder Instance { get; } = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
