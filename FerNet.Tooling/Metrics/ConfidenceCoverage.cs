using System.Globalization;
using System.Text;

using FerNet.Core;

namespace FerNet.Tooling.Metrics;

/// <summary>
/// What a confidence threshold buys: for each threshold, the share of predictions whose top
/// probability reaches it (coverage) and the accuracy of that confident subset. Computed on labelled
/// data the model did not train on, it tells what refusing the less confident answers costs and gains.
/// </summary>
public sealed class ConfidenceCoverage
{
    /// <summary>The thresholds <see cref="FromPredictions"/> uses when given none: 0 (everything), then 0.3 to 0.9 by 0.1.</summary>
    public static IReadOnlyList<float> DefaultThresholds { get; } = [0f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f];

    private ConfidenceCoverage(IReadOnlyList<CoverageRow> rows, int total)
    {
        Rows = rows;
        Total = total;
    }

    /// <summary>One row per threshold, in the order given.</summary>
    public IReadOnlyList<CoverageRow> Rows { get; }

    /// <summary>How many predictions the table was computed from.</summary>
    public int Total { get; }

    /// <summary>The table of predictions against their true labels.</summary>
    /// <param name="truth">The true label of each face.</param>
    /// <param name="predicted">The predicted label of each face.</param>
    /// <param name="topProbability">The probability of each predicted label.</param>
    /// <param name="thresholds">The thresholds to tabulate; null for <see cref="DefaultThresholds"/>.</param>
    /// <exception cref="ArgumentException">The three spans differ in length.</exception>
    public static ConfidenceCoverage FromPredictions(ReadOnlySpan<Emotion> truth, ReadOnlySpan<Emotion> predicted, ReadOnlySpan<float> topProbability, IReadOnlyList<float>? thresholds = null)
    {
        if (truth.Length != predicted.Length || truth.Length != topProbability.Length)
        {
            throw new ArgumentException($"{truth.Length} true labels, {predicted.Length} predicted labels and {topProbability.Length} probabilities: each face needs one of each.");
        }

        thresholds ??= DefaultThresholds;
        var rows = new CoverageRow[thresholds.Count];
        for (int t = 0; t < rows.Length; t++)
        {
            int kept = 0;
            int right = 0;
            for (int i = 0; i < truth.Length; i++)
            {
                if (topProbability[i] >= thresholds[t])
                {
                    kept++;
                    right += truth[i] == predicted[i] ? 1 : 0;
                }
            }

            rows[t] = new CoverageRow(thresholds[t], kept, truth.Length == 0 ? 0 : (double)kept / truth.Length, kept == 0 ? 0 : (double)right / kept);
        }

        return new ConfidenceCoverage(rows.AsReadOnly(), truth.Length);
    }

    /// <summary>The table as a Markdown table: threshold, faces kept, coverage, accuracy of the kept faces.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| top probability at least | faces kept | coverage | accuracy of the kept faces |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (CoverageRow row in Rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Threshold:0.00} | {row.Kept} of {Total} | {row.Coverage:0.0%} | {row.Accuracy:0.00%} |"));
        }

        return text.ToString();
    }
}
