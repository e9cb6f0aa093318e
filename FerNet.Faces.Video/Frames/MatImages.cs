using FerNet.Faces.Images;
using FerNet.Inference;
using Microsoft.ML.Data;
using OpenCvSharp;

namespace FerNet.Faces.Video.Frames;

/// <summary>Moves a video frame, an OpenCV <see cref="Mat"/>, into the <see cref="MLImage"/> FerNet.Faces analyses.</summary>
internal static class MatImages
{
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

    /// <summary>An opaque BGRA copy of an 8-bit gray, BGR or BGRA frame.</summary>
    /// <exception cref="ArgumentException">The frame is empty or of another pixel type.</exception>
    /// <exception cref="ImageTooLargeException">The frame has more than <see cref="ImageLimits.MaxPixels"/> pixels; checked before any copy.</exception>
    public static MLImage ToMLImage(Mat frame)
    {
        ImageLimits.ThrowIfTooLarge(frame.Width, frame.Height, "The frame");
        using Mat bgra = ToBgra(frame);
        return MLImage.CreateFromPixels(bgra.Width, bgra.Height, MLPixelFormat.Bgra32, bgra.AsSpan<byte>());
    }

    /// <summary>An opaque 8-bit BGRA copy of an 8-bit gray, BGR or BGRA frame.</summary>
    /// <exception cref="ArgumentException">The frame is empty or of another pixel type.</exception>
    public static Mat ToBgra(Mat frame)
    {
        Mat bgr = AsBgr(frame, out bool converted);
        try
        {
            var bgra = new Mat();
            Cv2.CvtColor(bgr, bgra, ColorConversionCodes.BGR2BGRA);
            return bgra;
        }
        finally
        {
            if (converted)
            {
                bgr.Dispose();
            }
        }
    }
}
