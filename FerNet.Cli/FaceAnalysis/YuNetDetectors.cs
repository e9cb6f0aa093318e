using FerNet.Common.IO;
using FerNet.Cli.Files;
using FerNet.Cli.Prediction;
using FerNet.Faces;

namespace FerNet.Cli.FaceAnalysis;

/// <summary>The detector the faces, video and camera verbs use: the user's YuNet file when --detector names one, else the bundled model.</summary>
internal static class YuNetDetectors
{
    /// <exception cref="FaceDetectorModelException">The named file is missing or no model OpenCV can load.</exception>
    /// <exception cref="PredictionSetupException">The named file is no regular file, which OpenCV would read without end or wait on.</exception>
    public static YuNetFaceDetector Open(string? modelPath, int maxDetectionSide)
    {
        if (modelPath is null)
        {
            return new YuNetFaceDetector(maxDetectionSide: maxDetectionSide);
        }

        if (RegularFile.ReadRefusal(modelPath, $"Face detector model '{modelPath}'") is string refusal)
        {
            throw new PredictionSetupException(refusal);
        }

        return new YuNetFaceDetector(modelPath, maxDetectionSide: maxDetectionSide);
    }
}
