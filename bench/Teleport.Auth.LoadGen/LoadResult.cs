using System.Globalization;

namespace Teleport.Auth.LoadGen;

/// <summary>What one measured run did: operations, wall time and latency percentiles.</summary>
internal sealed record LoadResult(string Name, long Operations, double Seconds, double P50Milliseconds, double P99Milliseconds)
{
    public double PerSecond => Operations / Seconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-28} {PerSecond,9:F1}/s  p50 {P50Milliseconds,7:F1} ms  p99 {P99Milliseconds,7:F1} ms  ({Operations} in {Seconds:F1} s)");
}
