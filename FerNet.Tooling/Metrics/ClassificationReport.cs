using System.Globalization;
using System.Text;
using System.Text.Json;

using FerNet.Core;

namespace FerNet.Tooling.Metrics;

/// <summary>
/// Precision, recall, F1 and support per emotion, with accuracy and macro and weighted averages,
/// defined exactly as scikit-learn's
/// <c>classification_report(y_true, y_pred, labels=range(7), target_names=EmotionLabels.Names, zero_division=0)</c>:
/// all seven classes always count, a ratio with a zero denominator is 0, the macro average is the
/// unweighted mean over the seven classes and the weighted average weighs each class by its support.
/// Everything is derived from the <see cref="ConfusionMatrix"/>.
/// </summary>
public sealed class ClassificationReport
{
    private static readonly string[] Headers = ["precision", "recall", "f1-score", "support"];

    private readonly ClassMetrics[] _perClass;

    /// <summary>Computes the report of <paramref name="matrix"/>.</summary>
    public ClassificationReport(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ConfusionMatrix = matrix;
        _perClass = [.. EmotionLabels.All.Select(emotion =>
        {
            int truePositives = matrix[emotion, emotion];
            int support = matrix.Support(emotion);
            int predicted = matrix.PredictedCount(emotion);
            return new ClassMetrics(
                Divide(truePositives, predicted),
                Divide(truePositives, support),
                Divide(2.0 * truePositives, support + predicted),
                support);
        })];

        Accuracy = Divide(matrix.Correct, matrix.Total);
        MacroPrecision = _perClass.Average(metrics => metrics.Precision);
        MacroRecall = _perClass.Average(metrics => metrics.Recall);
        MacroF1 = _perClass.Average(metrics => metrics.F1);
        WeightedPrecision = WeightedBySupport(metrics => metrics.Precision);
        WeightedRecall = WeightedBySupport(metrics => metrics.Recall);
        WeightedF1 = WeightedBySupport(metrics => metrics.F1);
        PerClass = _perClass.AsReadOnly();
    }

    /// <summary>The counts everything else is computed from.</summary>
    public ConfusionMatrix ConfusionMatrix { get; }

    /// <summary>The metrics of each emotion, in canonical order (index = <see cref="Emotion"/> value).</summary>
    public IReadOnlyList<ClassMetrics> PerClass { get; }

    /// <summary>Correct predictions over all predictions; 0 when there are none.</summary>
    public double Accuracy { get; }

    /// <summary>The unweighted mean of the seven precisions.</summary>
    public double MacroPrecision { get; }

    /// <summary>The unweighted mean of the seven recalls.</summary>
    public double MacroRecall { get; }

    /// <summary>The unweighted mean of the seven F1 scores (not the F1 of the macro precision and recall).</summary>
    public double MacroF1 { get; }

    /// <summary>The mean of the precisions weighted by support.</summary>
    public double WeightedPrecision { get; }

    /// <summary>The mean of the recalls weighted by support (equal to <see cref="Accuracy"/>).</summary>
    public double WeightedRecall { get; }

    /// <summary>The mean of the F1 scores weighted by support.</summary>
    public double WeightedF1 { get; }

    /// <summary>The number of images the report covers.</summary>
    public int Support => ConfusionMatrix.Total;

    /// <summary>The metrics of <paramref name="emotion"/>.</summary>
    public ClassMetrics this[Emotion emotion] =>
        (uint)emotion < EmotionLabels.Count
            ? _perClass[(int)emotion]
            : throw new ArgumentOutOfRangeException(nameof(emotion), emotion, "Not one of the seven emotions.");

    /// <summary>The report of predictions <paramref name="predicted"/> against true labels <paramref name="truth"/>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length or hold a value that is not an emotion.</exception>
    public static ClassificationReport FromPredictions(ReadOnlySpan<Emotion> truth, ReadOnlySpan<Emotion> predicted) =>
        new(ConfusionMatrix.FromPredictions(truth, predicted));

    /// <summary>
    /// Reads a report written by <see cref="ToJson"/>. The metrics are recomputed from
    /// <c>confusionMatrix</c> and must agree with the stored ones.
    /// </summary>
    /// <exception cref="FormatException">
    /// The text is not a report: malformed JSON, a missing or null property, labels other than
    /// <see cref="EmotionLabels.Names"/>, a matrix that is not 7 x 7 non-negative counts, or a
    /// stored metric the matrix does not give. The message names the property.
    /// </exception>
    internal static ClassificationReport FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ClassificationReportDocument document;
        try
        {
            document = JsonSerializer.Deserialize(json, ClassificationReportJsonContext.Default.ClassificationReportDocument)
                ?? throw new FormatException("Not a classification report: the JSON is null.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not a classification report: {ex.Message}", ex);
        }

        if (!document.Labels.SequenceEqual(EmotionLabels.Names))
        {
            throw new FormatException($"'labels' is [{string.Join(", ", document.Labels)}]; expected [{string.Join(", ", EmotionLabels.Names)}].");
        }

        ClassificationReport report;
        try
        {
            report = new ClassificationReport(new ConfusionMatrix(document.ConfusionMatrix));
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"'confusionMatrix': {ex.Message}", ex);
        }

        report.CheckAgainst(document);
        return report;
    }

    /// <summary>
    /// The report as indented JSON: <c>accuracy</c>, <c>macroPrecision</c>, <c>macroRecall</c>,
    /// <c>macroF1</c>, <c>weightedPrecision</c>, <c>weightedRecall</c>, <c>weightedF1</c>,
    /// <c>support</c>, <c>labels</c> (the names in canonical order), <c>perClass</c> (label name to
    /// <c>precision</c>, <c>recall</c>, <c>f1</c>, <c>support</c>) and <c>confusionMatrix</c>
    /// (7 arrays of 7 counts, rows = true label).
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(ToDocument(), ClassificationReportJsonContext.Default.ClassificationReportDocument);

    /// <summary>The report as scikit-learn prints it, with label names and <paramref name="digits"/> decimals.</summary>
    public string ToText(int digits = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        const string longestHeading = "weighted avg";
        int width = Math.Max(Math.Max(EmotionLabels.Names.Max(name => name.Length), longestHeading.Length), digits);
        var text = new StringBuilder();
        text.Append(new string(' ', width)).Append(' ');
        foreach (string header in Headers)
        {
            text.Append(' ').Append(header.PadLeft(9));
        }

        text.Append("\n\n");
        foreach (Emotion emotion in EmotionLabels.All)
        {
            ClassMetrics metrics = this[emotion];
            AppendRow(EmotionLabels.Name(emotion), Number(metrics.Precision), Number(metrics.Recall), Number(metrics.F1), metrics.Support);
        }

        text.Append('\n');
        AppendRow("accuracy", string.Empty, string.Empty, Number(Accuracy), Support);
        AppendRow("macro avg", Number(MacroPrecision), Number(MacroRecall), Number(MacroF1), Support);
        AppendRow(longestHeading, Number(WeightedPrecision), Number(WeightedRecall), Number(WeightedF1), Support);
        return text.ToString();

        string Number(double value) => value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        void AppendRow(string heading, string precision, string recall, string f1, int support) =>
            text.Append(heading.PadLeft(width)).Append(' ')
                .Append(' ').Append(precision.PadLeft(9))
                .Append(' ').Append(recall.PadLeft(9))
                .Append(' ').Append(f1.PadLeft(9))
                .Append(' ').Append(support.ToString(CultureInfo.InvariantCulture).PadLeft(9))
                .Append('\n');
    }

    private static double Divide(double numerator, int denominator) => denominator == 0 ? 0 : numerator / denominator;

    private double WeightedBySupport(Func<ClassMetrics, double> metric) =>
        Divide(_perClass.Sum(metrics => metric(metrics) * metrics.Support), Support);

    private ClassificationReportDocument ToDocument() => new()
    {
        Accuracy = Accuracy,
        MacroPrecision = MacroPrecision,
        MacroRecall = MacroRecall,
        MacroF1 = MacroF1,
        WeightedPrecision = WeightedPrecision,
        WeightedRecall = WeightedRecall,
        WeightedF1 = WeightedF1,
        Support = Support,
        Labels = EmotionLabels.Names,
        PerClass = EmotionLabels.All.ToDictionary(EmotionLabels.Name, emotion => this[emotion]),
        ConfusionMatrix = ConfusionMatrix.ToArray(),
    };

    private void CheckAgainst(ClassificationReportDocument stored)
    {
        ClassificationReportDocument computed = ToDocument();
        var values = new List<(string Name, double Stored, double Computed)>
        {
            ("accuracy", stored.Accuracy, computed.Accuracy),
            ("macroPrecision", stored.MacroPrecision, computed.MacroPrecision),
            ("macroRecall", stored.MacroRecall, computed.MacroRecall),
            ("macroF1", stored.MacroF1, computed.MacroF1),
            ("weightedPrecision", stored.WeightedPrecision, computed.WeightedPrecision),
            ("weightedRecall", stored.WeightedRecall, computed.WeightedRecall),
            ("weightedF1", stored.WeightedF1, computed.WeightedF1),
            ("support", stored.Support, computed.Support),
        };
        if (!stored.PerClass.Keys.Order(StringComparer.Ordinal).SequenceEqual(EmotionLabels.Names.Order(StringComparer.Ordinal)))
        {
            throw new FormatException(
                $"'perClass' has the labels [{string.Join(", ", stored.PerClass.Keys)}]; expected [{string.Join(", ", EmotionLabels.Names)}].");
        }

        foreach ((string name, ClassMetrics metrics) in computed.PerClass)
        {
            ClassMetrics storedMetrics = stored.PerClass[name];
            values.Add(($"perClass.{name}.precision", storedMetrics.Precision, metrics.Precision));
            values.Add(($"perClass.{name}.recall", storedMetrics.Recall, metrics.Recall));
            values.Add(($"perClass.{name}.f1", storedMetrics.F1, metrics.F1));
            values.Add(($"perClass.{name}.support", storedMetrics.Support, metrics.Support));
        }

        // Other tools may sum in another order, so only a difference beyond rounding is an error.
        foreach ((string name, double storedValue, double computedValue) in values)
        {
            if (Math.Abs(storedValue - computedValue) > 1e-9)
            {
                throw new FormatException(
                    $"'{name}' is {storedValue.ToString(CultureInfo.InvariantCulture)} but the confusion matrix gives {computedValue.ToString(CultureInfo.InvariantCulture)}.");
            }
        }
    }
}
