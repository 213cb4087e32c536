using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LambdaWorkflow.Benchmarks;

/// <summary>
/// Mean time or allocated bytes divided by the benchmark's <c>Calls</c> parameter: for <see cref="ReplayBenchmarks"/>,
/// whose operation replays all N calls. A warm resume applies one result whatever N is, so it gets no such column.
/// </summary>
internal sealed class PerCallColumn : IColumn
{
    private readonly bool _bytes;

    private PerCallColumn(bool bytes) => _bytes = bytes;

    public static IColumn Time { get; } = new PerCallColumn(bytes: false);

    public static IColumn Allocated { get; } = new PerCallColumn(bytes: true);

    public string Id => ColumnName;

    public string ColumnName => _bytes ? "Alloc/call" : "Time/call";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _bytes ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _bytes ? "Allocated bytes per replayed call (Allocated / Calls)" : "Mean time per replayed call (Mean / Calls)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (!PerCall(benchmarkCase) || report?.ResultStatistics is not { } statistics || benchmarkCase.Parameters["Calls"] is not int calls || calls <= 0)
        {
            return "NA";
        }

        if (!_bytes)
        {
            return (statistics.Mean / calls).ToString("N1", CultureInfo.InvariantCulture) + " ns";
        }

        return report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is { } allocated
            ? ((double)allocated / calls).ToString("N0", CultureInfo.InvariantCulture) + " B"
            : "NA";
    }

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(PerCall);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;

    private static bool PerCall(BenchmarkCase benchmarkCase) => benchmarkCase.Descriptor.Type == typeof(ReplayBenchmarks);
}
