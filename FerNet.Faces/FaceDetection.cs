namespace FerNet.Faces;

/// <summary>One face a detector found.</summary>
/// <param name="Box">The face's box in image pixels; it may reach past the image's edges.</param>
/// <param name="Confidence">The detector's score, in [0, 1].</param>
/// <param name="Landmarks">The face's five landmarks, when the detector gives them (<see cref="YuNetFaceDetector"/> does); null otherwise.</param>
public readonly record struct FaceDetection(FaceBox Box, float Confidence, FaceLandmarks? Landmarks = null);
