using FerNet.Common.IO;
using System.Globalization;
using FerNet.Core;
using ScottPlot;

namespace FerNet.Training.Reports;

/// <summary>
/// Heatmap PNGs of a 7x7 confusion matrix (rows: true label, columns: predicted label, both in
/// <see cref="EmotionLabels.Names"/> order), with the value written in every cell.
/// </summary>
internal static class ConfusionMatrixChart
{
    internal const int Width = 960;
    internal const int Height = 840;
    private const float CellFontSize = 15;

    // Above this share of the colour scale a cell is dark enough that its text must be white.
    private const double DarkCellThreshold = 0.55;

    /// <summary>Writes a heatmap of the raw counts to <paramref name="path"/>.</summary>
    /// <param name="confusion">Counts indexed [true label, predicted label].</param>
    /// <param name="title">Title over the chart, e.g. "FerVgg on FER2013 PublicTest: accuracy 70.1 %".</param>
    /// <param name="path">The PNG file to create or replace.</param>
    /// <exception cref="ArgumentException">The matrix is not 7x7, holds a negative count, or title or path is blank.</exception>
    internal static void WriteCounts(int[,] confusion, string title, string path)
    {
        Validate(confusion, title, path);
        var counts = new double[EmotionLabels.Count, EmotionLabels.Count];
        for (int row = 0; row < EmotionLabels.Count; row++)
        {
            for (int column = 0; column < EmotionLabels.Count; column++)
            {
                counts[row, column] = confusion[row, column];
            }
        }

        double maximum = Math.Max(1, counts.Cast<double>().Max());
        Write(confusion, counts, maximum, count => count.ToString("N0", CultureInfo.InvariantCulture), "images", title, path);
    }

    /// <summary>
    /// Writes a heatmap of each row divided by its row sum, as percentages: a cell reads "what share of the images of this
    /// true label were predicted as that label". A row with no images stays at zero.
    /// </summary>
    /// <inheritdoc cref="WriteCounts" path="/param"/>
    /// <exception cref="ArgumentException">The matrix is not 7x7, holds a negative count, or title or path is blank.</exception>
    internal static void WriteRowNormalised(int[,] confusion, string title, string path)
    {
        Validate(confusion, title, path);
        double[,] shares = NormaliseRows(confusion);
        var percentages = new double[EmotionLabels.Count, EmotionLabels.Count];
        for (int row = 0; row < EmotionLabels.Count; row++)
        {
            for (int column = 0; column < EmotionLabels.Count; column++)
            {
                percentages[row, column] = 100 * shares[row, column];
            }
        }

        Write(confusion, percentages, 100, percent => percent.ToString("0.0", CultureInfo.InvariantCulture) + " %", "% of true label", title, path);
    }

    /// <summary>Divides every row of <paramref name="confusion"/> by its sum; a row summing to zero stays all zero.</summary>
    /// <returns>Shares in [0, 1] indexed like <paramref name="confusion"/>; each non-empty row sums to 1.</returns>
    /// <exception cref="ArgumentException">The matrix is not 7x7 or holds a negative count.</exception>
    internal static double[,] NormaliseRows(int[,] confusion)
    {
        ValidateMatrix(confusion);
        var shares = new double[EmotionLabels.Count, EmotionLabels.Count];
        for (int row = 0; row < EmotionLabels.Count; row++)
        {
            long rowSum = RowSum(confusion, row);
            if (rowSum == 0)
            {
                continue;
            }

            for (int column = 0; column < EmotionLabels.Count; column++)
            {
                shares[row, column] = (double)confusion[row, column] / rowSum;
            }
        }

        return shares;
    }

    private static void Write(
        int[,] confusion, double[,] cellValues, double scaleMaximum, Func<double, string> formatCell, string scaleTitle, string title, string path)
    {
        using var plot = new Plot();
        ChartStyle.Apply(plot, title, "Predicted label", "True label");
        plot.HideGrid();

        var heatmap = plot.Add.Heatmap(cellValues);
        heatmap.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues());
        heatmap.ManualRange = new ScottPlot.Range(0, scaleMaximum);

        // Row 0 (angry) is drawn at the top, so cell [row, column] is centred on x = column, y = last row - row.
        int last = EmotionLabels.Count - 1;
        for (int row = 0; row < EmotionLabels.Count; row++)
        {
            for (int column = 0; column < EmotionLabels.Count; column++)
            {
                double value = cellValues[row, column];
                var text = plot.Add.Text(formatCell(value), column, last - row);
                text.LabelStyle.Alignment = Alignment.MiddleCenter;
                text.LabelStyle.FontName = ChartStyle.FontName;
                text.LabelStyle.FontSize = CellFontSize;
                text.LabelStyle.Bold = row == column;
                text.LabelStyle.ForeColor = value / scaleMaximum > DarkCellThreshold ? Colors.White : ChartStyle.TextColor;
            }
        }

        var colourBar = plot.Add.ColorBar(heatmap);
        colourBar.Label = scaleTitle;
        colourBar.LabelStyle.FontName = ChartStyle.FontName;
        colourBar.LabelStyle.FontSize = ChartStyle.AxisLabelFontSize;
        colourBar.Axis.TickLabelStyle.FontName = ChartStyle.FontName;
        colourBar.Axis.TickLabelStyle.FontSize = ChartStyle.TickLabelFontSize;
        colourBar.Axis.MinorTickStyle.Length = 0;
        if (colourBar.Axis is ScottPlot.AxisPanels.AxisBase colourAxis)
        {
            // ScottPlot sizes the colour bar panel without the tick marks, so its title would overlap the tick labels.
            colourAxis.PaddingBetweenTickAndAxisLabels = new PixelPadding(left: 12, right: 12, bottom: 3, top: 3);
        }

        double[] positions = Enumerable.Range(0, EmotionLabels.Count).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, [.. EmotionLabels.Names]);
        plot.Axes.Left.SetTicks(
            positions,
            Enumerable.Range(0, EmotionLabels.Count)
                .Select(row => $"{EmotionLabels.Names[row]} (n={RowSum(confusion, row).ToString("N0", CultureInfo.InvariantCulture)})")
                .Reverse()
                .ToArray());
        plot.Axes.SetLimits(-0.5, last + 0.5, -0.5, last + 0.5);

        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    private static void Validate(int[,] confusion, string title, string path)
    {
        ValidateMatrix(confusion);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
    }

    private static void ValidateMatrix(int[,] confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        if (confusion.GetLength(0) != EmotionLabels.Count || confusion.GetLength(1) != EmotionLabels.Count)
        {
            throw new ArgumentException(
                $"The confusion matrix must be {EmotionLabels.Count}x{EmotionLabels.Count} (one row and column per emotion), "
                + $"but it is {confusion.GetLength(0)}x{confusion.GetLength(1)}.",
                nameof(confusion));
        }

        for (int row = 0; row < EmotionLabels.Count; row++)
        {
            for (int column = 0; column < EmotionLabels.Count; column++)
            {
                if (confusion[row, column] < 0)
                {
                    throw new ArgumentException(
                        $"The confusion matrix holds the negative count {confusion[row, column]} at true label "
                        + $"{EmotionLabels.Names[row]}, predicted label {EmotionLabels.Names[column]}.",
                        nameof(confusion));
                }
            }
        }
    }

    private static long RowSum(int[,] confusion, int row)
    {
        long sum = 0;
        for (int column = 0; column < EmotionLabels.Count; column++)
        {
            sum += confusion[row, column];
        }

        return sum;
    }
}
