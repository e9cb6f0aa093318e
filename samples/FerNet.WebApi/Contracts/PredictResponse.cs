using FerNet.Core;
using FerNet.Inference;

namespace FerNet.WebApi.Contracts;

/// <summary>What POST /predict returns for a face crop.</summary>
/// <param name="DominantEmotion">The most probable emotion's name ("happy").</param>
/// <param name="Emotion">Each emotion's probability in [0, 1], in canonical order; they sum to 1.</param>
public sealed record PredictResponse(string DominantEmotion, IReadOnlyDictionary<string, float> Emotion)
{
    /// <summary>The response for one prediction.</summary>
    public static PredictResponse From(EmotionPrediction prediction) =>
        new(EmotionLabels.Name(prediction.Emotion), EmotionScores.From(prediction));
}
