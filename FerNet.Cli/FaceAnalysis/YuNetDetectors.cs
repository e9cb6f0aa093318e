using FerNet.Faces;

namespace FerNet.Cli.FaceAnalysis;

/// <summary>The detector the faces, video and camera verbs use: the user's YuNet file when --detector names one, else the bundled model.</summary>
internal static class YuNetDetectors
{
    /// <exception cref="FaceDetectorModelException">The named file is missing or no model OpenCV can load.</exception>
    public static YuNetFaceDetector Open(string? modelPath, int maxDetectionSide) =>
        modelPath is null
            ? new YuNetFaceDetector(maxDetectionSide: maxDetectionSide)
            : new YuNetFaceDetector(modelPath, maxDetectionSide: maxDetectionSide);
}
