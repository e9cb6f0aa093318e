using FerNet.Faces;
using FerNet.Faces.Images;
using FerNet.Faces.Video.Frames;
using Microsoft.ML.Data;
using OpenCvSharp;

namespace FerNet.Faces.Tests.Images;

/// <summary>The analyzer's crops (<see cref="FaceImage"/>) of test images made with OpenCV.</summary>
internal static class MatCrops
{
    /// <summary>The pixels of <paramref name="region"/> of <paramref name="bgr"/>, as the analyzer cuts them.</summary>
    public static MLImage Crop(Mat bgr, FaceBox region)
    {
        using FaceImage pixels = Pixels(bgr);
        return pixels.Crop(region);
    }

    /// <summary>The turned square the analyzer classifies for an aligned face.</summary>
    public static MLImage RotatedSquare(Mat bgr, double centreX, double centreY, int side, double degrees)
    {
        using FaceImage pixels = Pixels(bgr);
        return pixels.RotatedSquare(centreX, centreY, side, degrees);
    }

    private static FaceImage Pixels(Mat bgr)
    {
        using MLImage image = MatImages.ToMLImage(bgr);
        return FaceImage.From(image);
    }
}
