using System.Globalization;
using System.Text;

namespace Teleport.Client.Bench;

/// <summary>What tsh bench measured: requests sent and failed, and the latency of each that succeeded.</summary>
public sealed class BenchResult(int requestsOriginated, int requestsFailed, IReadOnlyList<TimeSpan> latencies, Exception? lastError)
{
    public static readonly IReadOnlyList<double> Percentiles = [25, 50, 75, 90, 95, 99, 100];

    public int RequestsOriginated { get; } = requestsOriginated;

    public int RequestsFailed { get; } = requestsFailed;

    public IReadOnlyList<TimeSpan> Latencies { get; } = latencies;

    public Exception? LastError { get; } = lastError;

    /// <summary>The nearest-rank percentile of the successful sessions' latencies.</summary>
    public TimeSpan Percentile(double percentile)
    {
        if (Latencies.Count == 0)
        {
            return TimeSpan.Zero;
        }

        TimeSpan[] sorted = [.. Latencies.Order()];
        int rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The report as Teleport's tsh bench prints it.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"\n* Requests originated: {RequestsOriginated}\n");
        text.Append(CultureInfo.InvariantCulture, $"* Requests failed: {RequestsFailed}\n");
        if (LastError is not null)
        {
            text.Append("* Last error: ").Append(LastError.Message).Append('\n');
        }

        text.Append("\nHistogram\n\n");
        text.Append("Percentile Response Duration\n");
        text.Append("---------- -----------------\n");
        foreach (double p in Percentiles)
        {
            text.Append(CultureInfo.InvariantCulture, $"{p,-10} {Math.Round(Percentile(p).TotalMilliseconds),0} ms\n");
        }

        return text.ToString();
    }
}
