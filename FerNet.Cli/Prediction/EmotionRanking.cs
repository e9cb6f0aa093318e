using FerNet.Core;
using FerNet.Inference;

namespace FerNet.Cli.Prediction;

/// <summary>The emotions of a prediction from most to least probable, ties in canonical order.</summary>
internal static class EmotionRanking
{
    public static IEnumerable<Emotion> Top(EmotionPrediction prediction, int count) =>
        EmotionLabels.All.OrderByDescending(prediction.ProbabilityOf).Take(count);
}
