using FerNet.Faces;
using FerNet.Testing.Data;
using OpenCvSharp;

namespace FerNet.Testing.Faces;

/// <summary>
/// Photos with several faces at known places, made at test time: FER2013 test faces (tight 48 x 48
/// gray crops) upscaled and pasted onto a plain gray background.
/// </summary>
public static class FaceCanvas
{
    /// <summary>The side of a pasted face, in pixels.</summary>
    public const int FaceSide = 120;

    /// <summary>The background gray.</summary>
    public static readonly Scalar Background = new(200, 200, 200);

    /// <summary>
    /// The first <paramref name="count"/> of the first two images of each class folder of
    /// ../shared/fer2013/test (angry, angry, disgust, disgust, ...), each upscaled to
    /// <paramref name="side"/> pixels (default <see cref="FaceSide"/>) and made BGR.
    /// </summary>
    public static Mat[] FerFaces(int count, int side = FaceSide)
    {
        string test = Path.Combine(SharedData.Fer2013Directory, "test");
        return [.. Directory.GetDirectories(test)
            .OrderBy(folder => folder, StringComparer.Ordinal)
            .SelectMany(folder => Directory.GetFiles(folder).OrderBy(file => file, StringComparer.Ordinal).Take(2))
            .Take(count)
            .Select(path => Upscaled(path, side))];
    }

    /// <summary>A <paramref name="width"/> x <paramref name="height"/> canvas with each face pasted with its top-left corner at its point.</summary>
    public static Mat Compose(int width, int height, IEnumerable<(Mat Face, Point At)> faces)
    {
        var canvas = new Mat(height, width, MatType.CV_8UC3, Background);
        foreach ((Mat face, Point at) in faces)
        {
            using var target = new Mat(canvas, new Rect(at.X, at.Y, face.Width, face.Height));
            face.CopyTo(target);
        }

        return canvas;
    }

    /// <summary>
    /// The box a detector should report for a face pasted at <paramref name="pasted"/>. FER2013's
    /// crops are tight, so YuNet frames the face inside the pasted square: on the twelve faces of
    /// the collage its box measured 0.58 to 0.98 of the side wide (mean 0.78) and 0.74 to 1.39
    /// tall (mean 1.0), centred on the square to within about 0.1 of the side. The expected box is
    /// therefore 0.8 of the side wide and the full side tall, centred on the square.
    /// </summary>
    public static FaceBox ExpectedBox(Rect pasted)
    {
        int width = (int)Math.Round(pasted.Width * 0.8);
        return new FaceBox(pasted.X + ((pasted.Width - width) / 2), pasted.Y, width, pasted.Height);
    }

    /// <summary>The pixels of <paramref name="region"/> of <paramref name="image"/> written as a PNG file.</summary>
    public static string WriteCropPng(Mat image, FaceBox region, string path)
    {
        using var crop = new Mat(image, new Rect(region.X, region.Y, region.Width, region.Height));
        Assert.True(Cv2.ImWrite(path, crop), $"OpenCV did not write {path}.");
        return path;
    }

    private static Mat Upscaled(string path, int side)
    {
        using Mat gray = Cv2.ImRead(path, ImreadModes.Grayscale);
        Assert.False(gray.Empty(), $"OpenCV could not read {path}.");
        using var large = new Mat();
        Cv2.Resize(gray, large, new Size(side, side), interpolation: InterpolationFlags.Cubic);
        var bgr = new Mat();
        Cv2.CvtColor(large, bgr, ColorConversionCodes.GRAY2BGR);
        return bgr;
    }
}
