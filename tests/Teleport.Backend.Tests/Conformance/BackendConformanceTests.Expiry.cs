using Teleport.Backend.Tests.Support;

namespace Teleport.Backend.Tests.Conformance;

public abstract partial class BackendConformanceTests
{
    [Fact]
    public async Task An_item_is_visible_until_its_expiry_and_gone_from_that_instant()
    {
        await Backend.PutAsync(NewItem("/sessions/s1", "v", Start.AddMinutes(10)));
        await Backend.PutAsync(NewItem("/sessions/s2", "v"));

        Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.NotNull(await Backend.GetAsync("/sessions/s1"));
        Assert.Equal(["/sessions/s1", "/sessions/s2"], await KeysUnderAsync("/sessions/"));

        Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await Backend.GetAsync("/sessions/s1"));
        Assert.Equal(["/sessions/s2"], await KeysUnderAsync("/sessions/"));
    }

    [Fact]
    public async Task An_item_put_already_expired_is_never_visible()
    {
        await Backend.PutAsync(NewItem("/past", "v", Start.AddSeconds(-1)));
        Assert.Null(await Backend.GetAsync("/past"));
        Assert.Empty(await KeysUnderAsync("/past"));
    }

    [Fact]
    public async Task Put_over_an_expired_item_makes_it_live_again()
    {
        await Backend.PutAsync(NewItem("/again", "old", Start.AddSeconds(1)));
        Clock.Advance(TimeSpan.FromSeconds(2));
        await Backend.PutAsync(NewItem("/again", "new", Start.AddSeconds(10)));
        Assert.Equal("new", Text(await Backend.GetAsync("/again")));
    }

    [Fact]
    public async Task Keep_alive_extends_the_lease_and_keeps_the_value()
    {
        Item heartbeat = await Backend.PutAsync(NewItem("/nodes/default/n1", "labels", Start.AddMinutes(1)));
        Clock.Advance(TimeSpan.FromSeconds(50));

        Item renewed = await Backend.KeepAliveAsync("/nodes/default/n1", Start.AddMinutes(2));
        Assert.Equal("labels", Text(renewed));
        Assert.Equal(Start.AddMinutes(2), renewed.Expires);
        Assert.True(renewed.Revision > heartbeat.Revision);
        Assert.Equal(renewed, await Backend.GetAsync("/nodes/default/n1"));

        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.NotNull(await Backend.GetAsync("/nodes/default/n1"));
        Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(await Backend.GetAsync("/nodes/default/n1"));
    }

    [Fact]
    public async Task Keep_alive_fails_on_a_missing_or_expired_item()
    {
        NotFoundException missing = await Assert.ThrowsAsync<NotFoundException>(() => Backend.KeepAliveAsync("/nodes/default/gone", Start.AddMinutes(1)).AsTask());
        Assert.Equal("/nodes/default/gone", missing.Key);

        await Backend.PutAsync(NewItem("/nodes/default/late", "v", Start.AddMinutes(1)));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<NotFoundException>(() => Backend.KeepAliveAsync("/nodes/default/late", Start.AddMinutes(5)).AsTask());
        Assert.Null(await Backend.GetAsync("/nodes/default/late"));
    }

    [Fact]
    public async Task Sweep_removes_expired_items_only()
    {
        await Backend.PutAsync(NewItem("/sweep/1", "v", Start.AddSeconds(1)));
        await Backend.PutAsync(NewItem("/sweep/2", "v", Start.AddSeconds(2)));
        await Backend.PutAsync(NewItem("/sweep/3", "v"));
        Assert.Equal(0, await SweepAsync(Backend));

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await SweepAsync(Backend));
        Assert.Equal(["/sweep/2", "/sweep/3"], await KeysUnderAsync("/sweep/"));

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await SweepAsync(Backend));
        Assert.Equal(0, await SweepAsync(Backend));
        Assert.Equal(["/sweep/3"], await KeysUnderAsync("/sweep/"));
    }

    [Fact]
    public async Task Sweep_handles_more_expired_items_than_one_batch()
    {
        IBackend backend = await OpenAsync(new BackendSettings(Clock, Timeout.InfiniteTimeSpan, WatcherQueueCapacity: 4096));
        await Task.WhenAll(Enumerable.Range(0, 2500).Select(i => backend.PutAsync(NewItem($"/bulk/{i:D5}", "v", Start.AddSeconds(1))).AsTask()));

        await using WatchStream watch = await WatchStream.StartAsync(backend, "/bulk/");
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2500, await SweepAsync(backend));
        List<BackendEvent> deletes = await watch.NextAsync(2500);
        Assert.All(deletes, change => Assert.Equal(BackendEventType.Delete, change.Type));
        Assert.Equal(2500, deletes.Select(change => change.Item.Key).Distinct().Count());
        Assert.Empty(await backend.GetPrefixAsync("/bulk/"));
    }

    [Fact]
    public async Task The_background_sweep_removes_expired_items_on_its_own()
    {
        IBackend backend = await OpenAsync(new BackendSettings(TimeProvider.System, TimeSpan.FromMilliseconds(20)));
        await using WatchStream watch = await WatchStream.StartAsync(backend, "/presence/");
        await backend.PutAsync(NewItem("/presence/n1", "v", DateTimeOffset.UtcNow.AddMilliseconds(50)));
        Assert.Equal(BackendEventType.Put, (await watch.NextAsync()).Type);

        BackendEvent expired = await watch.NextAsync();
        Assert.Equal(BackendEventType.Delete, expired.Type);
        Assert.Equal("/presence/n1", expired.Item.Key);
        Assert.Null(await backend.GetAsync("/presence/n1"));
    }
}
