using Teleport.Backend.Tests.Support;

namespace Teleport.Backend.Tests.Conformance;

public abstract partial class BackendConformanceTests
{
    [Fact]
    public async Task A_watch_starts_with_init_then_reports_every_change_in_revision_order()
    {
        Item before = await Backend.PutAsync(NewItem("/w/before", "v"));
        await using WatchStream watch = await WatchStream.StartAsync(Backend, "/w/");
        Assert.Equal(before.Revision, watch.Init.Item.Revision);

        Item put = await Backend.PutAsync(NewItem("/w/a", "1", Start.AddHours(1)));
        Item created = await Backend.CreateAsync(NewItem("/w/b", "1"));
        Item updated = await Backend.UpdateAsync(NewItem("/w/a", "2"));
        Item swapped = await Backend.CompareAndSwapAsync(NewItem("/w/a", "2"), NewItem("/w/a", "3"));
        Item renewed = await Backend.KeepAliveAsync("/w/b", Start.AddHours(2));
        await Backend.DeleteAsync("/w/a");
        await Backend.DeletePrefixAsync("/w/");

        List<BackendEvent> events = await watch.NextAsync(8);
        Assert.Equal(
            [
                (BackendEventType.Put, "/w/a"), (BackendEventType.Put, "/w/b"), (BackendEventType.Put, "/w/a"),
                (BackendEventType.Put, "/w/a"), (BackendEventType.Put, "/w/b"), (BackendEventType.Delete, "/w/a"),
                (BackendEventType.Delete, "/w/b"), (BackendEventType.Delete, "/w/before"),
            ],
            events.Select(change => (change.Type, change.Item.Key)));
        Assert.Equal([put, created, updated, swapped, renewed], events.Take(5).Select(change => change.Item));

        long[] revisions = [.. events.Select(change => change.Item.Revision)];
        Assert.True(revisions[0] > watch.Init.Item.Revision);
        Assert.Equal(revisions.Order(), revisions);
        Assert.Equal(revisions.Length, revisions.Distinct().Count());
    }

    [Fact]
    public async Task A_watch_reports_only_keys_under_its_prefixes()
    {
        await using WatchStream watch = await WatchStream.StartAsync(Backend, "/users/", "/roles/");
        foreach (string key in new[] { "/nodes/x", "/users/alice", "/usersX", "/users", "/roles/admin", "/tokens/t", "/rolesY/z" })
        {
            await Backend.PutAsync(NewItem(key, "v"));
        }

        await Backend.PutAsync(NewItem("/users/zz-marker", "v"));
        Assert.Equal(["/users/alice", "/roles/admin", "/users/zz-marker"], (await watch.NextAsync(3)).Select(change => change.Item.Key));
    }

    [Fact]
    public async Task A_watch_without_prefixes_reports_every_key()
    {
        await using WatchStream watch = await WatchStream.StartAsync(Backend);
        await Backend.PutAsync(NewItem("/a", "v"));
        await Backend.PutAsync(NewItem("/z/\U0001F600", "v"));
        Assert.Equal(["/a", "/z/\U0001F600"], (await watch.NextAsync(2)).Select(change => change.Item.Key));
    }

    [Fact]
    public async Task Every_watcher_gets_every_event()
    {
        await using WatchStream first = await WatchStream.StartAsync(Backend, "/m/");
        await using WatchStream second = await WatchStream.StartAsync(Backend, "/m/");
        await using WatchStream everything = await WatchStream.StartAsync(Backend);
        for (int i = 0; i < 10; i++)
        {
            await Backend.PutAsync(NewItem($"/m/{i}", "v"));
        }

        foreach (WatchStream watch in new[] { first, second, everything })
        {
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"/m/{i}"), (await watch.NextAsync(10)).Select(change => change.Item.Key));
        }
    }

    [Fact]
    public async Task Expiry_produces_a_delete_event()
    {
        await using WatchStream watch = await WatchStream.StartAsync(Backend, "/nodes/");
        Item heartbeat = await Backend.PutAsync(NewItem("/nodes/default/n1", "v", Start.AddMinutes(1)));
        Assert.Equal(heartbeat, (await watch.NextAsync()).Item);

        Clock.Advance(TimeSpan.FromMinutes(1));
        await SweepAsync(Backend);
        BackendEvent expired = await watch.NextAsync();
        Assert.Equal(BackendEventType.Delete, expired.Type);
        Assert.Equal("/nodes/default/n1", expired.Item.Key);
        Assert.True(expired.Item.Revision > heartbeat.Revision);
    }

    [Fact]
    public async Task Deleting_an_expired_item_not_yet_swept_reports_its_delete()
    {
        await Backend.PutAsync(NewItem("/dr/old", "v", Start.AddSeconds(1)));
        await using WatchStream watch = await WatchStream.StartAsync(Backend, "/dr/");
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Backend.DeletePrefixAsync("/dr/");
        BackendEvent change = await watch.NextAsync();
        Assert.Equal((BackendEventType.Delete, "/dr/old"), (change.Type, change.Item.Key));
        Assert.Equal(0, await SweepAsync(Backend));
    }

    [Fact]
    public async Task A_slow_watcher_is_closed_instead_of_blocking_writers()
    {
        IBackend backend = await OpenAsync(new BackendSettings(Clock, Timeout.InfiniteTimeSpan, WatcherQueueCapacity: 16));
        await using WatchStream slow = await WatchStream.StartAsync(backend, "/hb/");
        await using WatchStream fast = await WatchStream.StartAsync(backend, "/hb/");

        // Every write returns although the slow watcher reads nothing; the fast one keeps up and loses nothing.
        for (int i = 0; i < 100; i++)
        {
            Item stored = await backend.PutAsync(NewItem($"/hb/{i:D3}", "v")).AsTask().WaitAsync(Deadline.Default);
            Assert.Equal(stored, (await fast.NextAsync()).Item);
        }

        WatcherClosedException closed = await Assert.ThrowsAsync<WatcherClosedException>(() => slow.NextAsync());
        Assert.Contains("/hb/", closed.Message, StringComparison.Ordinal);

        // Re-subscribing works and sees later writes.
        await using WatchStream again = await WatchStream.StartAsync(backend, "/hb/");
        await backend.PutAsync(NewItem("/hb/after", "v"));
        Assert.Equal("/hb/after", (await again.NextAsync()).Item.Key);
    }

    [Fact]
    public async Task Cancelling_a_watch_ends_it()
    {
        using var cancel = new CancellationTokenSource();
        await using (IAsyncEnumerator<BackendEvent> events = Backend.WatchAsync(["/c/"], cancel.Token).GetAsyncEnumerator())
        {
            Assert.True(await events.MoveNextAsync());
            ValueTask<bool> next = events.MoveNextAsync();
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.AsTask());
        }

        await using WatchStream again = await WatchStream.StartAsync(Backend, "/c/");
        await Backend.PutAsync(NewItem("/c/1", "v"));
        Assert.Equal("/c/1", (await again.NextAsync()).Item.Key);
    }

    [Fact]
    public async Task Disposing_the_backend_closes_its_watches()
    {
        IBackend backend = await OpenAsync(new BackendSettings(Clock, Timeout.InfiniteTimeSpan));
        await using WatchStream watch = await WatchStream.StartAsync(backend, "/x/");
        await backend.DisposeAsync();
        await Assert.ThrowsAsync<WatcherClosedException>(() => watch.NextAsync());
    }

    [Fact]
    public void Watch_prefixes_must_be_keys()
    {
        Assert.Throws<ArgumentException>(() => Backend.WatchAsync(["users/"]));
        Assert.Throws<ArgumentNullException>(() => Backend.WatchAsync(null!));
    }
}
