using System.Globalization;
using FerNet.Common.IO;
using FerNet.Training.Runs;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace FerNet.Training.Reports;

/// <summary>
/// A PNG of three stacked panels sharing the epoch axis: loss (train vs validation), accuracy (train vs validation, and
/// the weight average's validation accuracy when the run kept one) and learning rate, with the epoch of best validation
/// accuracy marked on each.
/// </summary>
internal static class TrainingCurvesChart
{
    internal const int Width = 1000;
    internal const int Height = 1200;
    private const float LegendFontSize = 14;

    // Wide enough for the widest left tick labels ("100", "5e-4") and the axis title, so the three panels line up.
    private const float LeftAxisWidth = 90;

    // Markers on every epoch help to read short runs and only clutter long ones.
    private const int MostEpochsWithMarkers = 40;

    // A learning rate that moves by less than this factor reads better on a linear axis.
    private const double SmallestRatioForLogScale = 10;

    internal static readonly Color TrainColor = Color.FromHex("#1f77b4");
    internal static readonly Color ValidationColor = Color.FromHex("#ff7f0e");
    internal static readonly Color AverageColor = Color.FromHex("#9467bd");
    private static readonly Color LearningRateColor = Color.FromHex("#2ca02c");
    private static readonly Color BestEpochColor = Color.FromHex("#555555");

    /// <summary>Writes the training curves of <paramref name="history"/> to <paramref name="path"/>.</summary>
    /// <param name="history">One record per epoch, in increasing epoch order; accuracies in [0, 1].</param>
    /// <param name="title">Title over the top panel, e.g. "FerVgg on FER2013".</param>
    /// <param name="path">The PNG file to create or replace.</param>
    /// <exception cref="ArgumentException">
    /// The history is empty, its epochs do not increase, a value is not finite, an accuracy is outside [0, 1], a learning
    /// rate is negative, or title or path is blank.
    /// </exception>
    internal static void Write(IReadOnlyList<EpochRecord> history, string title, string path)
    {
        Validate(history);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        double[] epochs = [.. history.Select(record => (double)record.Epoch)];
        // A run with a weight average keeps whichever of the two validates better as its best.
        static double Chosen(EpochRecord record) => Math.Max(record.ValidationAccuracy, record.AverageValidationAccuracy ?? 0);
        EpochRecord best = history.MaxBy(Chosen)!;
        bool bestIsAverage = best.AverageValidationAccuracy > best.ValidationAccuracy;

        using var lossPlot = new Plot();
        using var accuracyPlot = new Plot();
        using var learningRatePlot = new Plot();

        // One legend, above the top panel: the colours mean the same in every panel, and a legend inside a panel would hide
        // whichever curve ends up under it.
        ChartStyle.Apply(lossPlot, title, string.Empty, "loss");
        AddSeries(lossPlot, epochs, [.. history.Select(record => record.TrainLoss)], TrainColor, "train");
        AddSeries(lossPlot, epochs, [.. history.Select(record => record.ValidationLoss)], ValidationColor, "validation");
        AddBestEpochLine(lossPlot, best).LegendText = string.Create(
            CultureInfo.InvariantCulture, $"best validation: {100 * Chosen(best):0.0} % (epoch {best.Epoch}{(bestIsAverage ? ", weight average" : "")})");
        lossPlot.Legend.FontName = ChartStyle.FontName;
        lossPlot.Legend.FontSize = LegendFontSize;
        lossPlot.Legend.Orientation = Orientation.Horizontal;
        lossPlot.Legend.TightHorizontalWrapping = true;
        lossPlot.ShowLegend(Edge.Top);

        ChartStyle.Apply(accuracyPlot, string.Empty, string.Empty, "accuracy (%)");
        AddSeries(accuracyPlot, epochs, [.. history.Select(record => 100 * record.TrainAccuracy)], TrainColor);
        AddSeries(accuracyPlot, epochs, [.. history.Select(record => 100 * record.ValidationAccuracy)], ValidationColor);
        if (history.All(record => record.AverageValidationAccuracy is not null))
        {
            AddSeries(accuracyPlot, epochs, [.. history.Select(record => 100 * record.AverageValidationAccuracy!.Value)], AverageColor, "validation, weight average");
            accuracyPlot.Legend.FontName = ChartStyle.FontName;
            accuracyPlot.Legend.FontSize = LegendFontSize;
            accuracyPlot.ShowLegend(Edge.Bottom);
        }

        AddBestEpochLine(accuracyPlot, best);
        var bestMarker = accuracyPlot.Add.Marker(best.Epoch, 100 * Chosen(best), MarkerShape.FilledDiamond, 16, bestIsAverage ? AverageColor : ValidationColor);
        bestMarker.MarkerLineColor = BestEpochColor;
        bestMarker.MarkerLineWidth = 1.5f;

        ChartStyle.Apply(learningRatePlot, string.Empty, "epoch", "learning rate");
        AddLearningRate(learningRatePlot, epochs, [.. history.Select(record => record.LearningRate)]);
        AddBestEpochLine(learningRatePlot, best);

        double margin = Math.Max(0.5, 0.02 * (epochs[^1] - epochs[0]));
        foreach (Plot plot in new[] { lossPlot, accuracyPlot, learningRatePlot })
        {
            plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.Left.MinimumSize = LeftAxisWidth;
            plot.Axes.SetLimitsX(epochs[0] - margin, epochs[^1] + margin);
        }

        var figure = new Multiplot(lossPlot) { Layout = new ScottPlot.MultiplotLayouts.Rows() };
        figure.AddPlot(accuracyPlot);
        figure.AddPlot(learningRatePlot);
        using var image = figure.Render(Width, Height);
        AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png, 100));
    }

    private static void AddSeries(Plot plot, double[] epochs, double[] values, Color color, string? legendText = null)
    {
        var line = plot.Add.ScatterLine(epochs, values, color);
        line.LineWidth = 2;
        line.MarkerSize = epochs.Length <= MostEpochsWithMarkers ? 5 : 0;
        line.MarkerShape = MarkerShape.FilledCircle;
        if (legendText is not null)
        {
            line.LegendText = legendText;
        }
    }

    private static ScottPlot.Plottables.VerticalLine AddBestEpochLine(Plot plot, EpochRecord best) =>
        plot.Add.VerticalLine(best.Epoch, 1.5f, BestEpochColor, LinePattern.Dashed);

    private static void AddLearningRate(Plot plot, double[] epochs, double[] rates)
    {
        double smallest = rates.Min();
        double largest = rates.Max();
        bool logScale = smallest > 0 && largest / smallest >= SmallestRatioForLogScale;
        double[] plotted = logScale ? [.. rates.Select(Math.Log10)] : rates;

        AddSeries(plot, epochs, plotted, LearningRateColor);

        if (logScale)
        {
            double bottom = Math.Log10(smallest);
            double top = Math.Log10(largest);
            double padding = 0.08 * (top - bottom);
            plot.Axes.SetLimitsY(bottom - padding, top + padding);
            plot.Axes.Left.TickGenerator = LogTicks(bottom - padding, top + padding);
            plot.YLabel("learning rate (log scale)", ChartStyle.AxisLabelFontSize);
        }
        else
        {
            // Learning rates are never negative, so the axis starts at zero; a constant rate would otherwise get a made-up span.
            plot.Axes.SetLimitsY(0, largest > 0 ? 1.1 * largest : 1);
            plot.Axes.Left.TickGenerator = new NumericAutomatic
            {
                LabelFormatter = rate => rate == 0 ? "0" : rate.ToString("0.##e0", CultureInfo.InvariantCulture),
            };
        }
    }

    /// <summary>
    /// Ticks between two log10 positions, labelled like "5e-4": at 1, 2 and 5 times each power of ten over a span of up to
    /// two decades, at the powers of ten alone over a wider one.
    /// </summary>
    private static NumericManual LogTicks(double bottom, double top)
    {
        int[] mantissas = top - bottom <= 2 ? [1, 2, 5] : [1];
        var ticks = new NumericManual();
        for (int exponent = (int)Math.Floor(bottom); exponent <= (int)Math.Ceiling(top); exponent++)
        {
            foreach (int mantissa in mantissas)
            {
                double position = Math.Log10(mantissa) + exponent;
                if (position >= bottom && position <= top)
                {
                    ticks.AddMajor(position, string.Create(CultureInfo.InvariantCulture, $"{mantissa}e{exponent}"));
                }
            }
        }

        return ticks;
    }

    private static void Validate(IReadOnlyList<EpochRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            throw new ArgumentException("The training history is empty: there is no epoch to plot.", nameof(history));
        }

        for (int i = 0; i < history.Count; i++)
        {
            EpochRecord record = history[i]
                ?? throw new ArgumentException($"The training history has no record at index {i}.", nameof(history));
            if (i > 0 && record.Epoch <= history[i - 1].Epoch)
            {
                throw new ArgumentException(
                    $"Epoch {record.Epoch} follows epoch {history[i - 1].Epoch} in the training history: epochs must increase.",
                    nameof(history));
            }

            RequireFinite(record, nameof(EpochRecord.TrainLoss), record.TrainLoss);
            RequireFinite(record, nameof(EpochRecord.ValidationLoss), record.ValidationLoss);
            RequireFraction(record, nameof(EpochRecord.TrainAccuracy), record.TrainAccuracy);
            RequireFraction(record, nameof(EpochRecord.ValidationAccuracy), record.ValidationAccuracy);
            RequireFinite(record, nameof(EpochRecord.LearningRate), record.LearningRate);
            if (record.LearningRate < 0)
            {
                throw new ArgumentException(
                    $"Epoch {record.Epoch} has the negative learning rate {record.LearningRate}.", nameof(history));
            }
        }
    }

    private static void RequireFinite(EpochRecord record, string field, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Epoch {record.Epoch} has {field} = {value}, which cannot be plotted.", "history");
        }
    }

    private static void RequireFraction(EpochRecord record, string field, double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentException(
                $"Epoch {record.Epoch} has {field} = {value}, outside [0, 1]: accuracies are fractions, not percentages.", "history");
        }
    }
}
