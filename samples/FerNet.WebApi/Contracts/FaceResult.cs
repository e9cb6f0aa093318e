using FerNet.Core;
using FerNet.Faces;

namespace FerNet.WebApi.Contracts;

/// <summary>One face of a photo, shaped as deepface's analyze result: region, dominant_emotion and emotion.</summary>
/// <param name="Region">The detector's box around the face.</param>
/// <param name="FaceConfidence">The detector's score, in [0, 1].</param>
/// <param name="DominantEmotion">The most probable emotion's name ("happy").</param>
/// <param name="Emotion">Each emotion's probability in [0, 1] (deepface gives percentages), in canonical order; they sum to 1.</param>
public sealed record FaceResult(FaceRegion Region, float FaceConfidence, string DominantEmotion, IReadOnlyDictionary<string, float> Emotion)
{
    /// <summary>The result for one face the analyzer found.</summary>
    public static FaceResult From(FaceEmotion face) => new(
        FaceRegion.From(face.Box),
        face.Confidence,
        EmotionLabels.Name(face.Prediction.Emotion),
        EmotionScores.From(face.Prediction));
}
