using FerNet.Core;
using FerNet.Inference;

namespace FerNet.WebApi.Contracts;

/// <summary>A prediction's seven probabilities keyed by the lower-case emotion name, in canonical order.</summary>
internal static class EmotionScores
{
    public static IReadOnlyDictionary<string, float> From(EmotionPrediction prediction)
    {
        var scores = new Dictionary<string, float>(EmotionLabels.Count);
        foreach (Emotion emotion in EmotionLabels.All)
        {
            scores[EmotionLabels.Name(emotion)] = prediction.ProbabilityOf(emotion);
        }

        return scores;
    }
}
