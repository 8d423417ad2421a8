using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Teleport.Backend.Tests;

/// <summary>What only the SQLite backend promises: its files, their modes, persistence across reopening, single ownership.</summary>
public sealed class SqliteBackendTests(ITestOutputHelper output) : IDisposable
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly TempDirectory _temp = new();

    private string Directory => _temp.Combine("data", "backend");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_database_is_created_0600_in_a_directory_created_0700()
    {
        await using SqliteBackend backend = await OpenAsync();
        await backend.PutAsync(Item("/ca/user", "secret"));

        Assert.Equal(Path.Combine(Directory, "sqlite.db"), backend.DatabasePath);
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(Directory));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(_temp.Combine("data")));
        foreach (string file in new[] { "sqlite.db", "sqlite.db-wal", "sqlite.db-shm", "sqlite.db.lock" })
        {
            string path = Path.Combine(Directory, file);
            Assert.True(File.Exists(path), $"{file} exists");
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task A_database_file_readable_by_others_is_tightened_and_an_existing_directory_left_alone()
    {
        System.IO.Directory.CreateDirectory(Directory);
        UnixFileMode shared = OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(Directory, shared);
        string database = Path.Combine(Directory, "sqlite.db");
        await File.WriteAllBytesAsync(database, []);
        File.SetUnixFileMode(database, OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using SqliteBackend backend = await OpenAsync();
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(database));
        Assert.Equal(shared, File.GetUnixFileMode(Directory));
    }

    [Fact]
    public async Task The_journal_is_wal_and_commits_are_fully_synchronous()
    {
        await using SqliteBackend backend = await OpenAsync();
        await backend.PutAsync(Item("/x", "v"));

        await using var connection = new SqliteConnection($"Data Source={backend.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());

        // synchronous is per connection: the backend checks its own connections when it opens them (SqliteSchema.Configure).
        command.CommandText = "SELECT count(*) FROM kv";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Reopening_keeps_every_item_and_the_revision_counter()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        List<Item> written = [];
        long lastRevision;
        await using (SqliteBackend backend = await OpenAsync(clock))
        {
            for (int i = 0; i < 50; i++)
            {
                written.Add(await backend.PutAsync(new Item($"/items/{i:D2}", Encoding.UTF8.GetBytes($"value {i}"), i % 2 == 0 ? clock.GetUtcNow().AddHours(i + 1) : null)));
            }

            // The newest rows go away, so only the stored counter remembers how far revisions got.
            await backend.PutAsync(Item("/doomed/1", "v"));
            await backend.PutAsync(Item("/doomed/2", "v"));
            await backend.DeletePrefixAsync("/doomed/");
            lastRevision = (await backend.PutAsync(Item("/doomed/3", "v"))).Revision;
            await backend.DeleteAsync("/doomed/3");
        }

        // A clean close checkpoints the log into the database and removes it.
        Assert.False(File.Exists(Path.Combine(Directory, "sqlite.db-wal")));

        await using (SqliteBackend reopened = await OpenAsync(clock))
        {
            Assert.Equal(written, await reopened.GetPrefixAsync("/items/"));
            Assert.Empty(await reopened.GetPrefixAsync("/doomed/"));
            Item next = await reopened.PutAsync(Item("/after", "v"));
            Assert.Equal(lastRevision + 2, next.Revision);

            await using IAsyncEnumerator<BackendEvent> watch = reopened.WatchAsync([]).GetAsyncEnumerator();
            Assert.True(await watch.MoveNextAsync());
            Assert.Equal(next.Revision, watch.Current.Item.Revision);
        }
    }

    [Fact]
    public async Task A_second_backend_on_the_same_directory_is_refused_until_the_first_closes()
    {
        SqliteBackend first = await OpenAsync();
        await first.PutAsync(Item("/owner", "first"));
        BackendException refused = await Assert.ThrowsAsync<BackendException>(() => OpenAsync().AsTask());
        Assert.Contains("in use", refused.Message, StringComparison.Ordinal);
        Assert.Contains(Directory, refused.Message, StringComparison.Ordinal);

        await first.DisposeAsync();
        await using SqliteBackend second = await OpenAsync();
        Assert.Equal("first", Encoding.UTF8.GetString((await second.GetAsync("/owner"))!.Value.Span));
    }

    [Fact]
    public async Task A_database_from_a_newer_schema_is_refused()
    {
        await (await OpenAsync()).DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(Directory, "sqlite.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            await command.ExecuteNonQueryAsync();
        }

        BackendException refused = await Assert.ThrowsAsync<BackendException>(() => OpenAsync().AsTask());
        Assert.Contains("schema version 99", refused.Message, StringComparison.Ordinal);

        // The failed open released everything: the lock is free again.
        await using var lockFile = new FileStream(Path.Combine(Directory, "sqlite.db.lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
    }

    [Fact]
    public async Task A_write_that_fails_in_sqlite_fails_alone_and_its_batch_neighbours_commit()
    {
        await (await OpenAsync()).DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(Directory, "sqlite.db")};Pooling=False"))
        {
            // A stand-in for a write SQLite itself refuses (too big, constraint, I/O error on its page).
            await connection.OpenAsync();
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER poison BEFORE INSERT ON kv WHEN NEW.key = CAST('/poison' AS BLOB) BEGIN SELECT RAISE(ABORT, 'poisoned'); END";
            await command.ExecuteNonQueryAsync();
        }

        await using SqliteBackend backend = await OpenAsync();
        await using IAsyncEnumerator<BackendEvent> watch = backend.WatchAsync([]).GetAsyncEnumerator();
        Assert.True(await watch.MoveNextAsync());

        // Queued together, so they share transactions with the poisoned write.
        Task<Item>[] writes = [.. Enumerable.Range(0, 200).Select(i => backend.PutAsync(Item(i % 50 == 25 ? "/poison" : $"/good/{i:D3}", "v")).AsTask())];
        await Task.WhenAll(writes.Select(write => write.ContinueWith(_ => { }, TaskScheduler.Default)));

        Task<Item>[] failed = [.. writes.Where(write => write.IsFaulted)];
        Assert.Equal(4, failed.Length);
        Assert.All(failed, write =>
        {
            BackendException error = Assert.IsType<BackendException>(write.Exception!.InnerException);
            Assert.Equal("/poison", error.Key);
            Assert.Contains("poisoned", error.Message, StringComparison.Ordinal);
        });
        Assert.Equal(196, (await backend.GetPrefixAsync("/good/")).Count);

        // Failed attempts used no revision: the watcher sees 196 consecutive ones.
        var revisions = new List<long>();
        for (int i = 0; i < 196; i++)
        {
            Assert.True(await watch.MoveNextAsync());
            revisions.Add(watch.Current.Item.Revision);
        }

        Assert.Equal(Enumerable.Range(1, 196).Select(i => (long)i), revisions);
    }

    [Fact]
    public void Options_name_the_bad_field()
    {
        Assert.Equal("Directory", Assert.Throws<BackendOptionsException>(() => new SqliteBackendOptions { Directory = " " }.Validate()).Field);
        Assert.Equal("ReadConnections", Assert.Throws<BackendOptionsException>(() => new SqliteBackendOptions { Directory = "d", ReadConnections = 0 }.Validate()).Field);
        Assert.Equal("MaxBatchSize", Assert.Throws<BackendOptionsException>(() => new SqliteBackendOptions { Directory = "d", MaxBatchSize = 0 }.Validate()).Field);
        Assert.Equal("SweepInterval", Assert.Throws<BackendOptionsException>(() => new SqliteBackendOptions { Directory = "d", SweepInterval = TimeSpan.Zero }.Validate()).Field);
        Assert.Equal("WatcherQueueCapacity", Assert.Throws<BackendOptionsException>(() => new BackendOptions { WatcherQueueCapacity = 0 }.Validate()).Field);
        Assert.Equal("TimeProvider", Assert.Throws<BackendOptionsException>(() => new BackendOptions { TimeProvider = null! }.Validate()).Field);
    }

    /// <summary>
    /// Not a timed assertion: prints what 10 000 heartbeat-shaped puts cost, concurrent (as from
    /// many nodes, sharing commits) and one caller at a time (one fsync each).
    /// </summary>
    [Fact]
    public async Task Throughput_of_ten_thousand_puts_is_reported()
    {
        await using SqliteBackend backend = await OpenAsync();
        byte[] value = new byte[512];
        Random.Shared.NextBytes(value);
        DateTimeOffset expires = DateTimeOffset.UtcNow.AddMinutes(10);

        var concurrent = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 10_000).Select(i => backend.PutAsync(new Item($"/nodes/default/{i:D5}", value, expires)).AsTask()));
        concurrent.Stop();

        var sequential = Stopwatch.StartNew();
        for (int i = 0; i < 1_000; i++)
        {
            await backend.PutAsync(new Item($"/nodes/default/{i:D5}", value, expires));
        }

        sequential.Stop();
        Assert.Equal(10_000, (await backend.GetPrefixAsync("/nodes/default/")).Count);
        output.WriteLine($"10000 concurrent puts: {concurrent.Elapsed.TotalMilliseconds:F0} ms ({10_000 / concurrent.Elapsed.TotalSeconds:F0}/s)");
        output.WriteLine($"1000 sequential puts: {sequential.Elapsed.TotalMilliseconds:F0} ms ({1_000 / sequential.Elapsed.TotalSeconds:F0}/s, one commit each)");
    }

    private static Item Item(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));

    private ValueTask<SqliteBackend> OpenAsync(TimeProvider? clock = null) => SqliteBackend.OpenAsync(new SqliteBackendOptions
    {
        Directory = Directory,
        TimeProvider = clock ?? TimeProvider.System,
        SweepInterval = Timeout.InfiniteTimeSpan,
    });
}
