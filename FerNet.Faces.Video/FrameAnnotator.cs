using FerNet.Faces.Video.Frames;
using OpenCvSharp;
using SkiaSharp;

namespace FerNet.Faces.Video;

/// <summary>
/// <see cref="FaceAnnotator"/>'s boxes and labels on OpenCV images, such as video frames: the same
/// drawing, done by SkiaSharp on a BGRA copy of the frame.
/// </summary>
public static class FrameAnnotator
{
    /// <summary>Draws the faces onto <paramref name="image"/> itself.</summary>
    /// <param name="image">An 8-bit BGR image (CV_8UC3), changed in place.</param>
    /// <param name="faces">The faces to draw.</param>
    /// <exception cref="ArgumentException"><paramref name="image"/> is empty or not 8-bit BGR.</exception>
    public static void Draw(Mat image, IEnumerable<FaceEmotion> faces)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(faces);
        if (image.Empty() || image.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Annotations are drawn on a non-empty 8-bit BGR image (CV_8UC3); got {image.Type()}.", nameof(image));
        }

        using Mat bgra = MatImages.ToBgra(image);
        using (DrawOnBgra(bgra, faces))
        {
        }

        Cv2.CvtColor(bgra, image, ColorConversionCodes.BGRA2BGR);
    }

    /// <summary>Writes a copy of <paramref name="image"/> with the faces drawn on it; <paramref name="image"/> itself is not changed.</summary>
    /// <param name="image">The image the faces were found in: 8-bit gray, BGR or BGRA.</param>
    /// <param name="faces">The faces to draw.</param>
    /// <param name="outputPath">A .png, .jpg or .jpeg file; written whole or not at all.</param>
    /// <exception cref="ArgumentException">The image is empty or of another pixel type, or the extension is none of those.</exception>
    public static void Write(Mat image, IEnumerable<FaceEmotion> faces, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(faces);
        using Mat bgra = MatImages.ToBgra(image);
        using SKBitmap bitmap = DrawOnBgra(bgra, faces);
        FaceAnnotator.WriteImage(bitmap, outputPath);
    }

    // A bitmap over the Mat's own pixels, so that drawing on it draws on the Mat; the caller disposes it before the Mat.
    private static SKBitmap DrawOnBgra(Mat bgra, IEnumerable<FaceEmotion> faces)
    {
        var bitmap = new SKBitmap();
        bitmap.InstallPixels(new SKImageInfo(bgra.Width, bgra.Height, SKColorType.Bgra8888, SKAlphaType.Opaque), bgra.Data, (int)bgra.Step());
        FaceAnnotator.Draw(bitmap, faces);
        return bitmap;
    }
}
