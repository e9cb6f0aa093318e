using FerNet.Common.IO;
using FerNet.Training.Runs;
using ScottPlot;

namespace FerNet.Training.Reports;

/// <summary>
/// A PNG of validation accuracy against the processor minutes spent, one line per run: runs compare
/// at equal CPU cost even when they ran on a busy machine or with other thread counts.
/// </summary>
internal static class RunComparisonChart
{
    internal const int Width = 1000;
    internal const int Height = 650;

    // Tableau 10, as matplotlib's default cycle: distinct for the few runs a comparison holds.
    internal static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"), Color.FromHex("#9467bd"),
        Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"), Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    /// <summary>Writes the chart of <paramref name="runs"/> to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">There is no run, or the title or path is blank.</exception>
    internal static void Write(IReadOnlyList<RunHistory> runs, string title, string path)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count, nameof(runs));
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var plot = new Plot();
        ChartStyle.Apply(plot, title, "processor minutes (all threads)", "validation accuracy (%)");
        for (int i = 0; i < runs.Count; i++)
        {
            double[] accuracy = [.. runs[i].ValidationAccuracies().Select(value => 100 * value)];
            var line = plot.Add.ScatterLine(runs[i].CumulativeCpuMinutes(), accuracy, Palette[i % Palette.Length]);
            line.LineWidth = 2;
            line.MarkerSize = 7;
            line.MarkerShape = MarkerShape.FilledCircle;
            line.LegendText = runs[i].Name;
        }

        plot.Axes.SetLimitsX(0, runs.Max(run => run.CumulativeCpuMinutes()[^1]) * 1.05);
        plot.Legend.FontSize = 14;
        plot.ShowLegend(Edge.Bottom);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }
}
