using System.Globalization;
using FerNet.Core;

namespace FerNet.Cli.Prediction;

/// <summary>
/// Results as CSV: <c>img_name,label</c> first, as a FER submission file has them, then one
/// probability column per emotion in canonical order, numbers in the invariant culture and
/// round-trip precision. Skipped files have no row.
/// </summary>
internal static class PredictionCsv
{
    public static string Header { get; } = string.Join(",", ["img_name", "label", .. EmotionLabels.Names]);

    public static void Write(TextWriter writer, IEnumerable<ScoredImage> images)
    {
        writer.Write(Header);
        writer.Write('\n');
        foreach (ScoredImage image in images)
        {
            writer.Write(CsvFields.Escape(image.Name));
            writer.Write(',');
            writer.Write(EmotionLabels.Name(image.Prediction.Emotion));
            foreach (float probability in image.Prediction.Probabilities)
            {
                writer.Write(',');
                writer.Write(probability.ToString(CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
    }
}
