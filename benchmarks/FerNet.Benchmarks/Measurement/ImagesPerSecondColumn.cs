using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FerNet.Benchmarks.Measurement;

/// <summary>Throughput: images (or video frames) per second, from the mean time per image (each benchmark declares its images as OperationsPerInvoke).</summary>
/// <param name="unit">What is counted, as the column's header names it: "Images" or "Frames".</param>
internal sealed class ImagesPerSecondColumn(string unit = "Images") : IColumn
{
    public string Id => $"{unit}PerSecond";

    public string ColumnName => $"{unit}/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"{unit} per second (1 s / mean time per one)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? nanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return nanoseconds is double mean ? (1e9 / mean).ToString("N0", CultureInfo.InvariantCulture) : "NA";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
