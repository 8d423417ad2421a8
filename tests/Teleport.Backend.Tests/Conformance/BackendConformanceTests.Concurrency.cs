using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Teleport.Backend.Tests.Support;

namespace Teleport.Backend.Tests.Conformance;

public abstract partial class BackendConformanceTests
{
    [Fact]
    public async Task Concurrent_writers_never_lose_a_write_and_revisions_stay_unique_and_increasing()
    {
        const int Writers = 16;
        const int WritesEach = 100;
        IBackend backend = await OpenAsync(new BackendSettings(Clock, Timeout.InfiniteTimeSpan, WatcherQueueCapacity: 2 * Writers * WritesEach));
        await using WatchStream watch = await WatchStream.StartAsync(backend, "/");
        var revisions = new ConcurrentBag<long>();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            long last = 0;
            for (int i = 0; i < WritesEach; i++)
            {
                // Own keys, plus one key every writer fights over.
                string key = i % 10 == 0 ? "/shared" : $"/writers/{writer:D2}/{i:D3}";
                Item stored = await backend.PutAsync(NewItem(key, $"{writer}:{i}"));
                Assert.True(stored.Revision > last, "a writer's own writes are ordered");
                last = stored.Revision;
                revisions.Add(stored.Revision);
            }
        })));

        Assert.Equal(Writers * WritesEach, revisions.Distinct().Count());
        IReadOnlyList<Item> items = await backend.GetPrefixAsync("/writers/");
        Assert.Equal(Writers * (WritesEach - (WritesEach / 10)), items.Count);
        foreach (Item item in items)
        {
            string[] parts = item.Key.Split('/');
            Assert.Equal($"{int.Parse(parts[2], CultureInfo.InvariantCulture)}:{int.Parse(parts[3], CultureInfo.InvariantCulture)}", Text(item));
        }

        // The watcher saw every write once, in revision order; the last one it saw for /shared is what is stored.
        List<BackendEvent> events = await watch.NextAsync(Writers * WritesEach);
        long[] seen = [.. events.Select(change => change.Item.Revision)];
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(revisions.Order(), seen);
        Assert.Equal(events.Last(change => change.Item.Key == "/shared").Item, await backend.GetAsync("/shared"));
    }

    [Fact]
    public async Task Compare_and_swap_increments_from_many_tasks_lose_nothing()
    {
        const int Tasks = 8;
        const int IncrementsEach = 25;
        await Backend.PutAsync(NewItem("/counter", "0"));

        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < IncrementsEach; i++)
            {
                while (true)
                {
                    Item current = (await Backend.GetAsync("/counter"))!;
                    int value = int.Parse(Text(current), CultureInfo.InvariantCulture);
                    try
                    {
                        await Backend.CompareAndSwapAsync(current, NewItem("/counter", (value + 1).ToString(CultureInfo.InvariantCulture)));
                        break;
                    }
                    catch (CompareFailedException)
                    {
                        // Another task got there first: read again.
                    }
                }
            }
        })));

        Assert.Equal((Tasks * IncrementsEach).ToString(CultureInfo.InvariantCulture), Text(await Backend.GetAsync("/counter")));
    }

    [Fact]
    public async Task Of_concurrent_creates_of_one_key_exactly_one_wins()
    {
        Task<Item>[] attempts = [.. Enumerable.Range(0, 20).Select(i => Task.Run(() => Backend.CreateAsync(NewItem("/locks/leader", $"{i}")).AsTask()))];
        try
        {
            await Task.WhenAll(attempts);
        }
        catch (AlreadyExistsException)
        {
            // Checked below, per attempt.
        }

        Task<Item> winner = Assert.Single(attempts, attempt => attempt.IsCompletedSuccessfully);
        Assert.All(attempts.Where(attempt => attempt != winner), attempt => Assert.IsType<AlreadyExistsException>(attempt.Exception!.InnerException));
        Assert.Equal(Encoding.UTF8.GetString((await winner).Value.Span), Text(await Backend.GetAsync("/locks/leader")));
    }
}
