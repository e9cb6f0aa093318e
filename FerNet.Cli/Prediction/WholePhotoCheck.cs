using System.Globalization;
using FerNet.Cli.Terminal;
using FerNet.Faces;
using FerNet.Inference;
using Microsoft.ML.Data;

namespace FerNet.Cli.Prediction;

/// <summary>
/// Tells when the image predict was given looks like a photo rather than a face crop: the model
/// then scores the whole picture scaled to 48 x 48 as if it were one face, and its answer means
/// little. Images up to <see cref="LargestCropSide"/> on their shorter side are taken as crops
/// unchecked (the detector misses faces that fill a small image); larger ones go through the
/// bundled YuNet detector, and an image in which it finds no face, several faces, or one face
/// covering less than <see cref="SmallestFaceShare"/> of it is named in a warning.
/// </summary>
internal static class WholePhotoCheck
{
    /// <summary>Images whose shorter side is at most this many pixels are not checked.</summary>
    public const int LargestCropSide = 160;

    /// <summary>The least share of the image that a face crop's one face covers.</summary>
    public const double SmallestFaceShare = 0.25;

    // Detection on a copy no larger than this is plenty to count faces and sizes them well enough.
    private const int DetectionSide = 640;

    /// <summary>A one-line warning about <paramref name="imagePath"/>, or null when it looks like a face crop.</summary>
    /// <param name="imagePath">The image predict scored.</param>
    /// <param name="name">How the warning names it.</param>
    /// <param name="model">The model predict scores with, which the face analysis borrows.</param>
    public static string? Warning(string imagePath, string name, IEmotionModel model)
    {
        using MLImage image = ImageLoader.Load(imagePath);
        if (Math.Min(image.Width, image.Height) <= LargestCropSide)
        {
            return null;
        }

        using var analyzer = new FaceEmotionAnalyzer(new YuNetFaceDetector(maxDetectionSide: DetectionSide), model);
        IReadOnlyList<FaceEmotion> faces = analyzer.Analyze(image);
        double share = faces.Count == 1 ? (double)faces[0].Box.Area / ((long)image.Width * image.Height) : 0;
        string? finding = faces.Count switch
        {
            0 => "the face detector finds no face in it",
            1 when share < SmallestFaceShare => string.Create(CultureInfo.InvariantCulture, $"its one face covers {share:0%} of it"),
            1 => null,
            _ => $"the face detector finds {Counted.Of(faces.Count, "face")} in it",
        };
        return finding is null
            ? null
            : $"warning: {name} looks like a photo, not a face crop ({finding}); predict scores the whole image as one face. `fernet faces` finds and scores each face.";
    }
}
