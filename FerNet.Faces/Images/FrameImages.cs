using System.Globalization;
using System.Runtime.InteropServices;
using FerNet.Inference;
using Microsoft.ML.Data;
using OpenCvSharp;

namespace FerNet.Faces.Images;

/// <summary>
/// Moves pixels between ML.NET's <see cref="MLImage"/> (what FerNet.Inference decodes and
/// classifies) and OpenCV's <see cref="Mat"/> (what the detector, the annotator and video use).
/// </summary>
internal static class FrameImages
{
    /// <summary>An 8-bit BGR copy of <paramref name="image"/>, the detector's input layout.</summary>
    /// <exception cref="ArgumentException"><paramref name="image"/> has been disposed.</exception>
    /// <exception cref="ImageTooLargeException"><paramref name="image"/> has more than <see cref="ImageLimits.MaxPixels"/> pixels.</exception>
    public static Mat ToBgrMat(MLImage image)
    {
        int width;
        int height;
        byte[] bgr;
        try
        {
            (width, height) = (image.Width, image.Height);
            CheckPixelLimit(width, height, "The image");
            bgr = image.GetBGRPixels;
        }
        catch (InvalidOperationException e)
        {
            // ML.NET reports a disposed image this way; to the caller it is a bad argument.
            throw new ArgumentException("The image has been disposed.", nameof(image), e);
        }

        var mat = new Mat(height, width, MatType.CV_8UC3);
        Marshal.Copy(bgr, 0, mat.Data, bgr.Length);
        return mat;
    }

    /// <summary>
    /// <paramref name="frame"/> as 8-bit BGR: the frame itself when it already is (then
    /// <paramref name="converted"/> is false and the caller must not dispose it), else a converted copy.
    /// </summary>
    /// <exception cref="ArgumentException">The frame is empty, or not 8-bit gray, BGR or BGRA.</exception>
    public static Mat AsBgr(Mat frame, out bool converted)
    {
        if (frame.Empty())
        {
            throw new ArgumentException("The frame is empty: it has no pixels.", nameof(frame));
        }

        MatType type = frame.Type();
        ColorConversionCodes? conversion =
            type == MatType.CV_8UC3 ? null
            : type == MatType.CV_8UC1 ? ColorConversionCodes.GRAY2BGR
            : type == MatType.CV_8UC4 ? ColorConversionCodes.BGRA2BGR
            : throw new ArgumentException($"The frame is {type}; FerNet takes 8-bit gray, BGR or BGRA frames (CV_8UC1, CV_8UC3, CV_8UC4).", nameof(frame));
        converted = conversion is not null;
        if (conversion is not ColorConversionCodes code)
        {
            return frame;
        }

        var bgr = new Mat();
        Cv2.CvtColor(frame, bgr, code);
        return bgr;
    }

    /// <summary>
    /// Refuses an image larger than <see cref="ImageLimits.MaxPixels"/>, the bound FerNet.Inference
    /// puts on encoded images, before any copy of it is made: an image in memory may come from
    /// anywhere, and the detector's memory grows with the pixel count.
    /// </summary>
    /// <exception cref="ImageTooLargeException">The image has more pixels than that.</exception>
    public static void CheckPixelLimit(int width, int height, string inputName)
    {
        long pixels = (long)width * height;
        if (pixels > ImageLimits.MaxPixels)
        {
            throw new ImageTooLargeException(string.Create(
                CultureInfo.InvariantCulture,
                $"{inputName} has {width} x {height} = {pixels:N0} pixels, more than the {ImageLimits.MaxPixels:N0} that FerNet analyses (ImageLimits.MaxPixels). Scale it down first."));
        }
    }

    /// <summary>The pixels of <paramref name="region"/> of the BGR image <paramref name="bgr"/> as an opaque BGRA <see cref="MLImage"/>, the form <see cref="EmotionModel.Predict(MLImage)"/> takes.</summary>
    public static MLImage Crop(Mat bgr, FaceBox region)
    {
        using var view = new Mat(bgr, new Rect(region.X, region.Y, region.Width, region.Height));
        return ToMLImage(view);
    }

    /// <summary>
    /// The square of side <paramref name="side"/> centred on (<paramref name="centreX"/>,
    /// <paramref name="centreY"/>) of <paramref name="bgr"/>, turned by <paramref name="degrees"/>
    /// anticlockwise as the image shows it, as an opaque BGRA <see cref="MLImage"/>. Pixels beyond
    /// the image's edges repeat its edge pixels.
    /// </summary>
    public static MLImage RotatedSquare(Mat bgr, double centreX, double centreY, int side, double degrees)
    {
        using Mat rotation = Cv2.GetRotationMatrix2D(new Point2f((float)centreX, (float)centreY), degrees, 1.0);
        rotation.Set(0, 2, rotation.At<double>(0, 2) + (side / 2.0) - centreX);
        rotation.Set(1, 2, rotation.At<double>(1, 2) + (side / 2.0) - centreY);
        using var square = new Mat();
        Cv2.WarpAffine(bgr, square, rotation, new Size(side, side), InterpolationFlags.Linear, BorderTypes.Replicate);
        return ToMLImage(square);
    }

    private static MLImage ToMLImage(Mat bgr)
    {
        using var bgra = new Mat();
        Cv2.CvtColor(bgr, bgra, ColorConversionCodes.BGR2BGRA);
        var pixels = new byte[bgr.Width * bgr.Height * 4];
        Marshal.Copy(bgra.Data, pixels, 0, pixels.Length);
        return MLImage.CreateFromPixels(bgr.Width, bgr.Height, MLPixelFormat.Bgra32, pixels);
    }
}
