using FerNet.Inference;
using Microsoft.ML.Data;

namespace FerNet.Faces.Analysis;

/// <summary>A detected face and the crop of it that the emotion model classifies; whoever holds it disposes the crop.</summary>
/// <param name="Detection">What the detector found.</param>
/// <param name="Crop">The face as the model sees it, before its own preprocessing.</param>
internal sealed record CroppedFace(FaceDetection Detection, MLImage Crop)
{
    /// <summary>The face with the model's answer for its crop.</summary>
    public FaceEmotion Classified(EmotionPrediction prediction) =>
        new(Detection.Box, Detection.Confidence, prediction, Detection.Landmarks);
}
