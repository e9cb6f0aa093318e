using FerNet.Common.IO;
using System.Globalization;
using FerNet.Core;
using ScottPlot;

namespace FerNet.Training.Reports;

/// <summary>A grouped bar chart PNG of the images per emotion before and after balancing, each bar labelled with its count.</summary>
internal static class ClassDistributionChart
{
    internal const int Width = 1100;
    internal const int Height = 650;
    private const double BarWidth = 0.38;
    private const float LegendFontSize = 14;

    internal static readonly Color BeforeColor = Color.FromHex("#9fb8d3");
    internal static readonly Color AfterColor = Color.FromHex("#2b6cb0");

    /// <summary>Writes the per-emotion counts before and after balancing side by side to <paramref name="path"/>.</summary>
    /// <param name="countsBefore">Images per emotion before balancing, in <see cref="EmotionLabels.Names"/> order.</param>
    /// <param name="countsAfter">Images per emotion after balancing, in the same order.</param>
    /// <param name="title">Title over the chart, e.g. "FER2013 Training split".</param>
    /// <param name="path">The PNG file to create or replace.</param>
    /// <exception cref="ArgumentException">
    /// A list does not hold exactly one count per emotion, a count is negative, or title or path is blank.
    /// </exception>
    internal static void Write(IReadOnlyList<int> countsBefore, IReadOnlyList<int> countsAfter, string title, string path)
    {
        ValidateCounts(countsBefore, nameof(countsBefore));
        ValidateCounts(countsAfter, nameof(countsAfter));
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        using var plot = new Plot();
        ChartStyle.Apply(plot, title, string.Empty, "images");
        plot.Grid.XAxisStyle.IsVisible = false;

        var bars = new List<Bar>(2 * EmotionLabels.Count);
        for (int emotion = 0; emotion < EmotionLabels.Count; emotion++)
        {
            bars.Add(LabelledBar(emotion - (BarWidth / 2), countsBefore[emotion], BeforeColor));
            bars.Add(LabelledBar(emotion + (BarWidth / 2), countsAfter[emotion], AfterColor));
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontName = ChartStyle.FontName;
        barPlot.ValueLabelStyle.FontSize = ChartStyle.AnnotationFontSize;
        barPlot.ValueLabelStyle.ForeColor = ChartStyle.TextColor;

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, EmotionLabels.Count).Select(i => (double)i)], [.. EmotionLabels.Names]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = ChartStyle.AxisLabelFontSize;

        // Room above the tallest bar for its label and for the legend.
        int tallest = Math.Max(1, Math.Max(countsBefore.Max(), countsAfter.Max()));
        plot.Axes.SetLimits(-0.6, EmotionLabels.Count - 0.4, 0, 1.18 * tallest);

        plot.Legend.FontName = ChartStyle.FontName;
        plot.Legend.FontSize = LegendFontSize;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = LegendText("before balancing", countsBefore), FillColor = BeforeColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = LegendText("after balancing", countsAfter), FillColor = AfterColor });
        plot.ShowLegend(Alignment.UpperRight);

        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    private static Bar LabelledBar(double position, int count, Color color) => new()
    {
        Position = position,
        Value = count,
        Size = BarWidth,
        FillColor = color,
        LineWidth = 0,
        Label = count.ToString("N0", CultureInfo.InvariantCulture),
    };

    private static string LegendText(string stage, IReadOnlyList<int> counts) =>
        string.Create(CultureInfo.InvariantCulture, $"{stage} (total {counts.Sum(count => (long)count):N0})");

    private static void ValidateCounts(IReadOnlyList<int> counts, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(counts, parameterName);
        if (counts.Count != EmotionLabels.Count)
        {
            throw new ArgumentException(
                $"{parameterName} holds {counts.Count} counts, but there must be one per emotion ({EmotionLabels.Count}).",
                parameterName);
        }

        for (int emotion = 0; emotion < EmotionLabels.Count; emotion++)
        {
            if (counts[emotion] < 0)
            {
                throw new ArgumentException(
                    $"{parameterName} holds the negative count {counts[emotion]} for {EmotionLabels.Names[emotion]}.", parameterName);
            }
        }
    }
}
