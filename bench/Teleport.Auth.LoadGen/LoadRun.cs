using System.Diagnostics;

namespace Teleport.Auth.LoadGen;

/// <summary>
/// Runs one operation from several concurrent workers until a deadline (or a fixed count) and
/// reports operations per second with latency percentiles. Failures stop the run: a benchmark
/// that counts errors as work would flatter the server.
/// </summary>
internal sealed class LoadRun(string name, int concurrency)
{
    public async Task<LoadResult> ForAsync(TimeSpan duration, Func<long, Task> operation)
    {
        long next = -1;
        var deadline = Stopwatch.StartNew();
        return await RunAsync(() =>
        {
            long index = Interlocked.Increment(ref next);
            return deadline.Elapsed < duration ? index : -1;
        }, operation).ConfigureAwait(false);
    }

    public async Task<LoadResult> CountAsync(long count, Func<long, Task> operation)
    {
        long next = -1;
        return await RunAsync(() =>
        {
            long index = Interlocked.Increment(ref next);
            return index < count ? index : -1;
        }, operation).ConfigureAwait(false);
    }

    private async Task<LoadResult> RunAsync(Func<long> take, Func<long, Task> operation)
    {
        var latencies = new List<double>[concurrency];
        var clock = Stopwatch.StartNew();
        var workers = new Task[concurrency];
        for (int w = 0; w < concurrency; w++)
        {
            var mine = latencies[w] = [];
            workers[w] = Task.Run(async () =>
            {
                for (long index = take(); index >= 0; index = take())
                {
                    long started = Stopwatch.GetTimestamp();
                    await operation(index).ConfigureAwait(false);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            });
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        double[] sorted = [.. latencies.SelectMany(l => l).Order()];
        return new LoadResult(name, sorted.Length, seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
