using FerNet.Core;
using FerNet.Inference;

namespace FerNet.Cli.Tests.Prediction;

internal static class RowAssert
{
    /// <summary>The row carries <paramref name="expected"/>'s label and its seven probabilities, exactly or within <paramref name="tolerance"/>.</summary>
    public static void Matches(EmotionPrediction expected, ResultsCsvRow row, float tolerance = 0f)
    {
        Assert.Equal(EmotionLabels.Name(expected.Emotion), row.Label);
        for (int i = 0; i < EmotionLabels.Count; i++)
        {
            Assert.True(
                Math.Abs(expected.Probabilities[i] - row.Probabilities[i]) <= tolerance,
                $"{row.Name}: P({EmotionLabels.Names[i]}) is {row.Probabilities[i]} in the CSV and {expected.Probabilities[i]} from the library.");
        }
    }
}
