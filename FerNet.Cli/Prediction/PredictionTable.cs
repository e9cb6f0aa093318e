using System.Globalization;
using FerNet.Core;
using FerNet.Inference;

namespace FerNet.Cli.Prediction;

/// <summary>
/// One image's answer for a person to read: the emotion and its probability, then a table of the
/// most probable emotions, most probable first, each with its probability and a bar.
/// </summary>
internal static class PredictionTable
{
    private const int BarWidth = 30;

    public static void Write(TextWriter writer, string name, EmotionPrediction prediction, int rows)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {EmotionLabels.Name(prediction.Emotion)} ({prediction.Probability:0.0%})"));
        writer.WriteLine($"  {"emotion",-10} {"probability",11}");
        foreach (Emotion emotion in EmotionRanking.Top(prediction, rows))
        {
            float probability = prediction.ProbabilityOf(emotion);
            string bar = new('#', (int)Math.Round(probability * BarWidth));
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {EmotionLabels.Name(emotion),-10} {probability,11:0.0000}  {bar}"));
        }
    }
}
