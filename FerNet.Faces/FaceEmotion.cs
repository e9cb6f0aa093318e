using FerNet.Inference;

namespace FerNet.Faces;

/// <summary>One face found in an image and what the emotion model says about it.</summary>
/// <param name="Box">Where the detector found the face; it may reach past the image's edges.</param>
/// <param name="Confidence">The detector's score for the face, in [0, 1].</param>
/// <param name="Prediction">
/// The emotion model's answer for the square crop around <paramref name="Box"/> (see
/// <see cref="FaceEmotionAnalyzer"/>), exactly what <see cref="EmotionModel.Predict(Microsoft.ML.Data.MLImage)"/>
/// returns for that crop.
/// </param>
/// <param name="Landmarks">The face's five landmarks as the detector gave them; null when it gives none.</param>
public sealed record FaceEmotion(FaceBox Box, float Confidence, EmotionPrediction Prediction, FaceLandmarks? Landmarks = null);
