using FerNet.Core;

namespace FerNet.Tooling.Metrics;

/// <summary>
/// Counts of (true label, predicted label) pairs over the seven emotions: rows are the true label,
/// columns the prediction, both in canonical <see cref="Emotion"/> order.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[] _counts = new int[EmotionLabels.Count * EmotionLabels.Count];

    /// <summary>Creates a matrix from its rows: 7 rows of 7 non-negative counts, rows = true label.</summary>
    /// <exception cref="ArgumentException">The rows are not 7 x 7 or hold a negative count.</exception>
    public ConfusionMatrix(IReadOnlyList<IReadOnlyList<int>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count != EmotionLabels.Count || rows.Any(row => row is null || row.Count != EmotionLabels.Count))
        {
            throw new ArgumentException($"A confusion matrix has {EmotionLabels.Count} rows of {EmotionLabels.Count} counts.", nameof(rows));
        }

        for (int truth = 0; truth < EmotionLabels.Count; truth++)
        {
            for (int predicted = 0; predicted < EmotionLabels.Count; predicted++)
            {
                int count = rows[truth][predicted];
                if (count < 0)
                {
                    throw new ArgumentException(
                        $"Count {count} for true {EmotionLabels.Names[truth]}, predicted {EmotionLabels.Names[predicted]} is negative.", nameof(rows));
                }

                _counts[(truth * EmotionLabels.Count) + predicted] = count;
            }
        }

        Total = _counts.Sum();
    }

    private ConfusionMatrix(ReadOnlySpan<Emotion> truth, ReadOnlySpan<Emotion> predicted)
    {
        for (int i = 0; i < truth.Length; i++)
        {
            _counts[(Index(truth[i], nameof(truth)) * EmotionLabels.Count) + Index(predicted[i], nameof(predicted))]++;
        }

        Total = truth.Length;
    }

    /// <summary>The number of pairs counted.</summary>
    public int Total { get; }

    /// <summary>The number of correct predictions (the diagonal).</summary>
    public int Correct => Enumerable.Range(0, EmotionLabels.Count).Sum(i => _counts[i * (EmotionLabels.Count + 1)]);

    /// <summary>How often <paramref name="truth"/> was predicted as <paramref name="predicted"/>.</summary>
    public int this[Emotion truth, Emotion predicted] =>
        _counts[(Index(truth, nameof(truth)) * EmotionLabels.Count) + Index(predicted, nameof(predicted))];

    /// <summary>Counts the pairs (<paramref name="truth"/>[i], <paramref name="predicted"/>[i]).</summary>
    /// <exception cref="ArgumentException">The spans differ in length or hold a value that is not an emotion.</exception>
    public static ConfusionMatrix FromPredictions(ReadOnlySpan<Emotion> truth, ReadOnlySpan<Emotion> predicted)
    {
        if (truth.Length != predicted.Length)
        {
            throw new ArgumentException($"{truth.Length} true labels but {predicted.Length} predictions.", nameof(predicted));
        }

        return new ConfusionMatrix(truth, predicted);
    }

    /// <summary>The number of images whose true label is <paramref name="truth"/> (a row sum).</summary>
    public int Support(Emotion truth)
    {
        int row = Index(truth, nameof(truth)) * EmotionLabels.Count;
        return _counts.Skip(row).Take(EmotionLabels.Count).Sum();
    }

    /// <summary>The number of predictions of <paramref name="predicted"/> (a column sum).</summary>
    public int PredictedCount(Emotion predicted)
    {
        int column = Index(predicted, nameof(predicted));
        return Enumerable.Range(0, EmotionLabels.Count).Sum(truth => _counts[(truth * EmotionLabels.Count) + column]);
    }

    /// <summary>The counts as 7 rows of 7, rows = true label.</summary>
    public int[][] ToArray() =>
        [.. Enumerable.Range(0, EmotionLabels.Count).Select(row => _counts.AsSpan(row * EmotionLabels.Count, EmotionLabels.Count).ToArray())];

    /// <summary>
    /// The counts as a table: a header row of predicted labels, then one row per true label, each
    /// column as wide as its label or its largest count.
    /// </summary>
    public string ToText()
    {
        int headingWidth = Math.Max("true \\ predicted".Length, EmotionLabels.Names.Max(name => name.Length));
        int[] widths = [.. Enumerable.Range(0, EmotionLabels.Count).Select(column => Math.Max(
            EmotionLabels.Names[column].Length,
            Enumerable.Range(0, EmotionLabels.Count).Max(row => Digits(_counts[(row * EmotionLabels.Count) + column]))))];
        var text = new System.Text.StringBuilder();
        text.Append("true \\ predicted".PadRight(headingWidth));
        for (int column = 0; column < EmotionLabels.Count; column++)
        {
            text.Append("  ").Append(EmotionLabels.Names[column].PadLeft(widths[column]));
        }

        text.Append('\n');
        for (int row = 0; row < EmotionLabels.Count; row++)
        {
            text.Append(EmotionLabels.Names[row].PadRight(headingWidth));
            for (int column = 0; column < EmotionLabels.Count; column++)
            {
                string count = _counts[(row * EmotionLabels.Count) + column].ToString(System.Globalization.CultureInfo.InvariantCulture);
                text.Append("  ").Append(count.PadLeft(widths[column]));
            }

            text.Append('\n');
        }

        return text.ToString();

        static int Digits(int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
    }

    private static int Index(Emotion emotion, string parameterName) =>
        (uint)emotion < EmotionLabels.Count
            ? (int)emotion
            : throw new ArgumentException($"{(int)emotion} is not one of the seven emotions.", parameterName);
}
