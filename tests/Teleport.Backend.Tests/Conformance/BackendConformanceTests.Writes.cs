namespace Teleport.Backend.Tests.Conformance;

public abstract partial class BackendConformanceTests
{
    [Fact]
    public async Task Put_stores_and_replaces_and_returns_the_stored_item()
    {
        Item first = await Backend.PutAsync(NewItem("/users/alice/params", "one") with { Revision = 999_999 });
        Assert.Equal("/users/alice/params", first.Key);
        Assert.Equal("one", Text(first));
        Assert.True(first.Revision is > 0 and not 999_999, "the backend assigns revisions");
        Assert.Equal(first, await Backend.GetAsync("/users/alice/params"));

        Item second = await Backend.PutAsync(NewItem("/users/alice/params", "two"));
        Assert.True(second.Revision > first.Revision);
        Assert.Equal(second, await Backend.GetAsync("/users/alice/params"));
    }

    [Fact]
    public async Task Expiry_is_kept_in_utc_whatever_offset_it_was_given()
    {
        var expires = new DateTimeOffset(2030, 1, 1, 5, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);
        Item stored = await Backend.PutAsync(NewItem("/tz", "v", expires));
        Item? read = await Backend.GetAsync("/tz");
        Assert.Equal(TimeSpan.Zero, stored.Expires!.Value.Offset);
        Assert.Equal(expires.UtcTicks, read!.Expires!.Value.UtcTicks);
        Assert.Equal(TimeSpan.Zero, read.Expires.Value.Offset);
    }

    [Fact]
    public async Task Create_fails_when_the_key_exists_and_names_the_key()
    {
        Item created = await Backend.CreateAsync(NewItem("/tokens/abc", "first"));
        Assert.Equal("first", Text(created));

        AlreadyExistsException error = await Assert.ThrowsAsync<AlreadyExistsException>(() => Backend.CreateAsync(NewItem("/tokens/abc", "second")).AsTask());
        Assert.Equal("/tokens/abc", error.Key);
        Assert.Contains("/tokens/abc", error.Message, StringComparison.Ordinal);
        Assert.Equal(created, await Backend.GetAsync("/tokens/abc"));
    }

    [Fact]
    public async Task Create_succeeds_over_an_expired_item()
    {
        await Backend.PutAsync(NewItem("/tokens/old", "stale", Start.AddMinutes(1)));
        Clock.Advance(TimeSpan.FromMinutes(1));
        Item created = await Backend.CreateAsync(NewItem("/tokens/old", "fresh"));
        Assert.Equal(created, await Backend.GetAsync("/tokens/old"));
        Assert.Null(created.Expires);
    }

    [Fact]
    public async Task Update_needs_a_live_item_and_replaces_value_and_expiry()
    {
        NotFoundException missing = await Assert.ThrowsAsync<NotFoundException>(() => Backend.UpdateAsync(NewItem("/roles/admin", "v")).AsTask());
        Assert.Equal("/roles/admin", missing.Key);
        Assert.Contains("/roles/admin", missing.Message, StringComparison.Ordinal);
        Assert.Null(await Backend.GetAsync("/roles/admin"));

        Item original = await Backend.PutAsync(NewItem("/roles/admin", "v1", Start.AddHours(1)));
        Item updated = await Backend.UpdateAsync(NewItem("/roles/admin", "v2"));
        Assert.True(updated.Revision > original.Revision);
        Assert.Null(updated.Expires);
        Assert.Equal(updated, await Backend.GetAsync("/roles/admin"));

        await Backend.PutAsync(NewItem("/roles/temp", "v", Start.AddSeconds(5)));
        Clock.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<NotFoundException>(() => Backend.UpdateAsync(NewItem("/roles/temp", "again")).AsTask());
    }

    [Fact]
    public async Task Compare_and_swap_replaces_only_the_expected_value()
    {
        Item original = await Backend.PutAsync(NewItem("/ca/host", "v1"));
        Item swapped = await Backend.CompareAndSwapAsync(NewItem("/ca/host", "v1"), NewItem("/ca/host", "v2", Start.AddHours(1)));
        Assert.True(swapped.Revision > original.Revision);
        Assert.Equal(Start.AddHours(1), swapped.Expires);
        Assert.Equal(swapped, await Backend.GetAsync("/ca/host"));

        CompareFailedException failed = await Assert.ThrowsAsync<CompareFailedException>(
            () => Backend.CompareAndSwapAsync(NewItem("/ca/host", "v1"), NewItem("/ca/host", "v3")).AsTask());
        Assert.Equal("/ca/host", failed.Key);
        Assert.Contains("/ca/host", failed.Message, StringComparison.Ordinal);
        Assert.Equal(swapped, await Backend.GetAsync("/ca/host"));

        // Only the value counts: a stale revision or expiry in the expected item does not matter.
        Item third = await Backend.CompareAndSwapAsync(original with { Value = swapped.Value }, NewItem("/ca/host", "v3"));
        Assert.Equal("v3", Text(third));
    }

    [Fact]
    public async Task Compare_and_swap_fails_on_a_missing_or_expired_key_and_a_prefix_of_the_value()
    {
        await Assert.ThrowsAsync<CompareFailedException>(() => Backend.CompareAndSwapAsync(NewItem("/cas/none", "v"), NewItem("/cas/none", "w")).AsTask());
        Assert.Null(await Backend.GetAsync("/cas/none"));

        await Backend.PutAsync(NewItem("/cas/long", "value"));
        await Assert.ThrowsAsync<CompareFailedException>(() => Backend.CompareAndSwapAsync(NewItem("/cas/long", "valu"), NewItem("/cas/long", "w")).AsTask());
        await Assert.ThrowsAsync<CompareFailedException>(() => Backend.CompareAndSwapAsync(NewItem("/cas/long", "value!"), NewItem("/cas/long", "w")).AsTask());

        await Backend.PutAsync(NewItem("/cas/ttl", "v", Start.AddSeconds(1)));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<CompareFailedException>(() => Backend.CompareAndSwapAsync(NewItem("/cas/ttl", "v"), NewItem("/cas/ttl", "w")).AsTask());
        Assert.Null(await Backend.GetAsync("/cas/ttl"));

        await Assert.ThrowsAsync<ArgumentException>(() => Backend.CompareAndSwapAsync(NewItem("/cas/long", "value"), NewItem("/cas/other", "w")).AsTask());
    }

    [Fact]
    public async Task Delete_removes_a_live_item_and_fails_on_a_missing_one()
    {
        await Backend.PutAsync(NewItem("/nodes/default/n1", "v"));
        await Backend.DeleteAsync("/nodes/default/n1");
        Assert.Null(await Backend.GetAsync("/nodes/default/n1"));

        NotFoundException error = await Assert.ThrowsAsync<NotFoundException>(() => Backend.DeleteAsync("/nodes/default/n1").AsTask());
        Assert.Equal("/nodes/default/n1", error.Key);

        await Backend.PutAsync(NewItem("/nodes/default/n2", "v", Start.AddSeconds(1)));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<NotFoundException>(() => Backend.DeleteAsync("/nodes/default/n2").AsTask());
    }

    [Fact]
    public async Task Delete_range_removes_exactly_the_range()
    {
        string[] keys = ["/d", "/d/", "/d/a", "/d/a/1", "/d/b", "/d/c", "/d0", "/e"];
        foreach (string key in keys)
        {
            await Backend.PutAsync(NewItem(key, "v"));
        }

        await Backend.DeleteRangeAsync("/d/a", "/d/c");
        Assert.Equal(["/d", "/d/", "/d/c", "/d0", "/e"], await KeysInRangeAsync("/", "0"));

        await Backend.DeletePrefixAsync("/d/");
        Assert.Equal(["/d", "/d0", "/e"], await KeysInRangeAsync("/", "0"));

        // Nothing in range is no error.
        await Backend.DeleteRangeAsync("/x", "/y");
        await Backend.DeleteRangeAsync("/e", "/d");
        Assert.Equal(["/d", "/d0", "/e"], await KeysInRangeAsync("/", "0"));
    }

    [Fact]
    public async Task Every_write_gets_a_greater_revision()
    {
        var revisions = new List<long>
        {
            (await Backend.PutAsync(NewItem("/rev/a", "1"))).Revision,
            (await Backend.CreateAsync(NewItem("/rev/b", "1"))).Revision,
            (await Backend.UpdateAsync(NewItem("/rev/a", "2"))).Revision,
            (await Backend.CompareAndSwapAsync(NewItem("/rev/a", "2"), NewItem("/rev/a", "3"))).Revision,
            (await Backend.KeepAliveAsync("/rev/b", Start.AddHours(1))).Revision,
            (await Backend.PutAsync(NewItem("/rev/b", "2"))).Revision,
        };
        Assert.Equal(revisions.Order(), revisions);
        Assert.Equal(revisions.Count, revisions.Distinct().Count());
    }

    [Fact]
    public async Task Refused_writes_change_nothing()
    {
        Item item = await Backend.PutAsync(NewItem("/refused", "v"));
        await Assert.ThrowsAsync<AlreadyExistsException>(() => Backend.CreateAsync(NewItem("/refused", "x")).AsTask());
        await Assert.ThrowsAsync<CompareFailedException>(() => Backend.CompareAndSwapAsync(NewItem("/refused", "x"), NewItem("/refused", "y")).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => Backend.UpdateAsync(NewItem("/refused/not", "x")).AsTask());
        Assert.Equal(item, await Backend.GetAsync("/refused"));
        Item next = await Backend.PutAsync(NewItem("/refused/next", "v"));
        Assert.Equal(item.Revision + 1, next.Revision);
    }

    [Fact]
    public async Task Refusals_are_reported_by_the_returned_task_not_by_the_call()
    {
        await Backend.PutAsync(NewItem("/async", "v"));
        ValueTask<Item> create = Backend.CreateAsync(NewItem("/async", "w"));
        ValueTask delete = Backend.DeleteAsync("/async/missing");
        ValueTask<Item> swap = Backend.CompareAndSwapAsync(NewItem("/async", "x"), NewItem("/async", "y"));
        await Assert.ThrowsAsync<AlreadyExistsException>(() => create.AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => delete.AsTask());
        await Assert.ThrowsAsync<CompareFailedException>(() => swap.AsTask());
    }

    [Fact]
    public async Task A_write_cancelled_before_it_starts_is_not_applied()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Backend.PutAsync(NewItem("/cancelled", "v"), cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Backend.GetAsync("/cancelled", cancelled.Token).AsTask());
        Assert.Null(await Backend.GetAsync("/cancelled"));
    }

    [Fact]
    public async Task A_disposed_backend_refuses_calls()
    {
        IBackend backend = await OpenAsync(new BackendSettings(Clock, Timeout.InfiniteTimeSpan));
        await backend.PutAsync(NewItem("/x", "v"));
        await backend.DisposeAsync();
        await backend.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => backend.PutAsync(NewItem("/x", "v")).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => backend.GetAsync("/x").AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
        {
            await foreach (BackendEvent change in backend.WatchAsync([]))
            {
                Assert.Fail($"unexpected {change}");
            }
        });
    }
}
