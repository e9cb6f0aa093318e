using System.Globalization;
using FerNet.Core;
using FerNet.Common.IO;
using FerNet.Tooling.Metrics;

namespace FerNet.Training.Reports;

/// <summary>
/// A test report as the files a run hands the user: <c>test-report.txt</c> and <c>test-report.json</c>,
/// and the confusion matrix as pictures, <c>confusion-counts.png</c> and <c>confusion-normalised.png</c>.
/// </summary>
internal static class TestReportFiles
{
    /// <summary>Writes the report's files into <paramref name="directory"/>, each atomically; <paramref name="title"/> names the model in the pictures.</summary>
    public static void Write(ClassificationReport report, string title, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, "test-report.txt"), report.ToText(digits: 4));
        AtomicFile.WriteAllText(Path.Combine(directory, "test-report.json"), report.ToJson());
        int[,] matrix = ToMatrix(report.ConfusionMatrix);
        string caption = string.Create(CultureInfo.InvariantCulture, $"{title} on test: accuracy {report.Accuracy * 100:F2} %, macro F1 {report.MacroF1:F3}");
        ConfusionMatrixChart.WriteCounts(matrix, caption, Path.Combine(directory, "confusion-counts.png"));
        ConfusionMatrixChart.WriteRowNormalised(matrix, caption, Path.Combine(directory, "confusion-normalised.png"));
    }

    private static int[,] ToMatrix(ConfusionMatrix confusion)
    {
        var matrix = new int[EmotionLabels.Count, EmotionLabels.Count];
        for (int truth = 0; truth < EmotionLabels.Count; truth++)
        {
            for (int predicted = 0; predicted < EmotionLabels.Count; predicted++)
            {
                matrix[truth, predicted] = confusion[(Emotion)truth, (Emotion)predicted];
            }
        }

        return matrix;
    }
}
