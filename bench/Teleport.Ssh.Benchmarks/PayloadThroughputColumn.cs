using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Teleport.Ssh.Benchmarks;

/// <summary>
/// MB/s of payload: the bytes one benchmark call carries divided by its mean time, so a codec's
/// cost reads in the unit bench/ssh.sh and sshd comparisons use.
/// </summary>
public sealed class PayloadThroughputColumn(int payloadBytes) : IColumn
{
    public string Id => nameof(PayloadThroughputColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Payload megabytes (10^6 bytes) per second, {payloadBytes} bytes per call";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNanoseconds is > 0 ? (payloadBytes / meanNanoseconds.Value * 1000).ToString("F0", CultureInfo.InvariantCulture) : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
