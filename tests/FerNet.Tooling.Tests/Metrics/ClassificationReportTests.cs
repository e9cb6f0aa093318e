using System.Text.Json;
using System.Text.Json.Nodes;
using FerNet.Core;
using FerNet.Tooling.Metrics;

namespace FerNet.Tooling.Tests.Metrics;

public sealed class ClassificationReportTests
{
    // Ten images. angry: 2 of 3 right, 1 taken for happy. happy: 3 of 4 right, 1 taken for angry.
    // sad: 2 images, one taken for happy, one for neutral, never predicted itself. surprise: 1, right.
    // disgust and fear: no images, no predictions. neutral: no images, predicted once.
    private static readonly (Emotion Truth, Emotion Predicted)[] Pairs =
    [
        (Emotion.Angry, Emotion.Angry), (Emotion.Angry, Emotion.Angry), (Emotion.Angry, Emotion.Happy),
        (Emotion.Happy, Emotion.Happy), (Emotion.Happy, Emotion.Happy), (Emotion.Happy, Emotion.Happy), (Emotion.Happy, Emotion.Angry),
        (Emotion.Sad, Emotion.Happy), (Emotion.Sad, Emotion.Neutral),
        (Emotion.Surprise, Emotion.Surprise),
    ];

    private static ClassificationReport Example() => ClassificationReport.FromPredictions(
        Pairs.Select(pair => pair.Truth).ToArray(), Pairs.Select(pair => pair.Predicted).ToArray());

    [Fact]
    public void PerClass_MatchesScikitLearnWithZeroDivisionZero()
    {
        ClassificationReport report = Example();

        // angry: TP 2, predicted 3, support 3: P = R = 2/3, F1 = 2*2 / (3 + 3) = 2/3.
        AssertMetrics(2.0 / 3, 2.0 / 3, 2.0 / 3, 3, report[Emotion.Angry]);
        // happy: TP 3, predicted 5 (3 + angry + sad), support 4: P = 3/5, R = 3/4, F1 = 2*3 / (4 + 5) = 2/3.
        AssertMetrics(0.6, 0.75, 2.0 / 3, 4, report[Emotion.Happy]);
        // sad: never predicted, so P = 0/0 -> 0; R = 0/2 = 0; F1 = 0 / (2 + 0) = 0.
        AssertMetrics(0, 0, 0, 2, report[Emotion.Sad]);
        // neutral: predicted once, no images: P = 0/1 = 0, R = 0/0 -> 0, F1 = 0 / (0 + 1) = 0.
        AssertMetrics(0, 0, 0, 0, report[Emotion.Neutral]);
        // disgust, fear: nothing at all, every ratio 0/0 -> 0.
        AssertMetrics(0, 0, 0, 0, report[Emotion.Disgust]);
        AssertMetrics(0, 0, 0, 0, report[Emotion.Fear]);
        AssertMetrics(1, 1, 1, 1, report[Emotion.Surprise]);
        Assert.Equal(report[Emotion.Happy], report.PerClass[(int)Emotion.Happy]);
    }

    [Fact]
    public void Averages_MatchScikitLearn()
    {
        ClassificationReport report = Example();

        // accuracy: (2 + 3 + 1) / 10.
        Assert.Equal(0.6, report.Accuracy, 12);
        // Macro: plain means over all seven classes, the empty ones included.
        // P = (2/3 + 3/5 + 1) / 7 = 0.323809..., R = (2/3 + 3/4 + 1) / 7 = 0.345238..., F1 = (2/3 + 2/3 + 1) / 7 = 1/3.
        Assert.Equal(0.3238095238095238, report.MacroPrecision, 12);
        Assert.Equal(0.34523809523809523, report.MacroRecall, 12);
        Assert.Equal(1.0 / 3, report.MacroF1, 12);
        // Weighted by support 3, 4, 2, 1: P = (3*2/3 + 4*3/5 + 0 + 1) / 10 = 0.54,
        // R = (2 + 3 + 0 + 1) / 10 = 0.6, F1 = (3*2/3 + 4*2/3 + 0 + 1) / 10 = 0.5666...
        Assert.Equal(0.54, report.WeightedPrecision, 12);
        Assert.Equal(0.6, report.WeightedRecall, 12);
        Assert.Equal(0.5666666666666667, report.WeightedF1, 12);
        Assert.Equal(10, report.Support);
    }

    [Fact]
    public void ToText_IsScikitLearnsTable()
    {
        const string expected =
            "              precision    recall  f1-score   support\n" +
            "\n" +
            "       angry       0.67      0.67      0.67         3\n" +
            "     disgust       0.00      0.00      0.00         0\n" +
            "        fear       0.00      0.00      0.00         0\n" +
            "       happy       0.60      0.75      0.67         4\n" +
            "     neutral       0.00      0.00      0.00         0\n" +
            "         sad       0.00      0.00      0.00         2\n" +
            "    surprise       1.00      1.00      1.00         1\n" +
            "\n" +
            "    accuracy                           0.60        10\n" +
            "   macro avg       0.32      0.35      0.33        10\n" +
            "weighted avg       0.54      0.60      0.57        10\n";

        Assert.Equal(expected, Example().ToText());
    }

    [Fact]
    public void ToText_RoundsHalfToEvenLikePython()
    {
        // Precision of angry is exactly 1/8: Python prints 0.12 (half to even), not 0.13.
        Emotion[] truth = [Emotion.Angry, .. Enumerable.Repeat(Emotion.Happy, 7)];
        Emotion[] predicted = [.. Enumerable.Repeat(Emotion.Angry, 8)];

        string text = ClassificationReport.FromPredictions(truth, predicted).ToText();

        Assert.Contains("       angry       0.12      1.00      0.22         1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToText_PrintsTheAskedDigits()
    {
        Assert.Contains("   macro avg     0.3238    0.3452    0.3333        10\n", Example().ToText(digits: 4), StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_UsesTheDocumentedPropertyNames()
    {
        JsonNode json = JsonNode.Parse(Example().ToJson())!;

        Assert.Equal(0.6, json["accuracy"]!.GetValue<double>(), 12);
        Assert.Equal(1.0 / 3, json["macroF1"]!.GetValue<double>(), 12);
        Assert.Equal(0.5666666666666667, json["weightedF1"]!.GetValue<double>(), 12);
        Assert.Equal(0.3238095238095238, json["macroPrecision"]!.GetValue<double>(), 12);
        Assert.Equal(0.34523809523809523, json["macroRecall"]!.GetValue<double>(), 12);
        Assert.Equal(0.54, json["weightedPrecision"]!.GetValue<double>(), 12);
        Assert.Equal(0.6, json["weightedRecall"]!.GetValue<double>(), 12);
        JsonNode happy = json["perClass"]!["happy"]!;
        Assert.Equal(0.6, happy["precision"]!.GetValue<double>(), 12);
        Assert.Equal(0.75, happy["recall"]!.GetValue<double>(), 12);
        Assert.Equal(2.0 / 3, happy["f1"]!.GetValue<double>(), 12);
        Assert.Equal(4, happy["support"]!.GetValue<int>());
        Assert.Equal(EmotionLabels.Names, json["perClass"]!.AsObject().Select(entry => entry.Key));
        JsonArray matrix = json["confusionMatrix"]!.AsArray();
        Assert.Equal(7, matrix.Count);
        Assert.Equal([0, 0, 0, 1, 1, 0, 0], matrix[(int)Emotion.Sad]!.AsArray().Select(count => count!.GetValue<int>()));
    }

    [Fact]
    public void FromJson_ReadsBackWhatToJsonWrote()
    {
        ClassificationReport report = Example();

        ClassificationReport read = ClassificationReport.FromJson(report.ToJson());

        Assert.Equal(report.ConfusionMatrix.ToArray(), read.ConfusionMatrix.ToArray());
        Assert.Equal(report.PerClass, read.PerClass);
        Assert.Equal(report.MacroF1, read.MacroF1);
        Assert.Equal(report.ToText(), read.ToText());
    }

    [Fact]
    public void FromJson_StoredMetricThatTheMatrixDoesNotGive_NamesIt()
    {
        JsonNode json = JsonNode.Parse(Example().ToJson())!;
        json["perClass"]!["happy"]!["recall"] = 0.8;

        var error = Assert.Throws<FormatException>(() => ClassificationReport.FromJson(json.ToJsonString()));

        Assert.Contains("perClass.happy.recall", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_MissingProperty_IsAFormatError()
    {
        JsonNode json = JsonNode.Parse(Example().ToJson())!;
        json.AsObject().Remove("macroF1");

        var error = Assert.Throws<FormatException>(() => ClassificationReport.FromJson(json.ToJsonString()));

        Assert.Contains("macroF1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_MatrixOfTheWrongShape_NamesIt()
    {
        JsonNode json = JsonNode.Parse(Example().ToJson())!;
        json["confusionMatrix"]!.AsArray().RemoveAt(6);

        var error = Assert.Throws<FormatException>(() => ClassificationReport.FromJson(json.ToJsonString()));

        Assert.Contains("confusionMatrix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_MalformedJson_IsAFormatError()
    {
        Assert.Throws<FormatException>(() => ClassificationReport.FromJson("{\"accuracy\": "));
        Assert.Throws<FormatException>(() => ClassificationReport.FromJson("null"));
    }

    [Fact]
    public void EmptyMatrix_GivesZerosRatherThanNaN()
    {
        ClassificationReport report = ClassificationReport.FromPredictions([], []);

        Assert.Equal(0, report.Accuracy);
        Assert.Equal(0, report.WeightedF1);
        Assert.Equal(0, report.MacroF1);
    }

    private static void AssertMetrics(double precision, double recall, double f1, int support, ClassMetrics actual)
    {
        Assert.Equal(precision, actual.Precision, 12);
        Assert.Equal(recall, actual.Recall, 12);
        Assert.Equal(f1, actual.F1, 12);
        Assert.Equal(support, actual.Support);
    }
}
