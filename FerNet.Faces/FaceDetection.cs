namespace FerNet.Faces;

/// <summary>One face a detector found.</summary>
/// <param name="Box">The face's box in image pixels; it may reach past the image's edges.</param>
/// <param name="Confidence">The detector's score, in [0, 1].</param>
public readonly record struct FaceDetection(FaceBox Box, float Confidence);
